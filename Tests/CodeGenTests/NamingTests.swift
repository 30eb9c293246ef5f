@testable import CodeGen
import Testing

struct NamingTests {
    @Test(arguments: [
        ("post-generate-image-v-3", "postGenerateImageV3"),
        ("base_image_url", "baseImageURL"),
        ("image_urls", "imageURLs"),
        ("dataset_id", "datasetID"),
        ("ART_DECO", "artDeco"),
        ("ASPECT_10_16", "aspect10_16"),
        ("HTTPServer", "httpServer"),
        ("isImageSafe", "isImageSafe"),
        ("ON", "on"),
    ])
    func lowerCamel(raw: String, expected: String) {
        #expect(Naming.lowerCamel(raw) == expected)
    }

    @Test(arguments: [
        ("80S_ILLUSTRATION", "_80sIllustration"),
        ("512x1536", "_512x1536"),
        ("1x1", "_1x1"),
        ("", "value"),
        ("---", "value"),
        ("naïve name", "naVeName"),
    ])
    func memberNamesAreValidIdentifiers(raw: String, expected: String) {
        #expect(Naming.member(raw) == expected)
    }

    @Test func keywordsAreEscapedAndUnusableNamesRenamed() {
        #expect(Naming.escaped("default") == "`default`")
        #expect(Naming.member("self") == "self_")
        #expect(Naming.member("init") == "init_")
        #expect(Naming.escaped("prompt") == "prompt")
    }

    @Test func typeNamesAvoidReservedNames() {
        #expect(Naming.type("error", reserved: Naming.reservedTypeNames) == "ErrorSchema")
        #expect(Naming.type("image-generation response v3", reserved: []) == "ImageGenerationResponseV3")
        #expect(Naming.type("3d_model", reserved: []) == "_3dModel")
        #expect(Naming.type("Protocol", reserved: []) == "ProtocolSchema")
    }

    @Test func uniquedNumbersLaterDuplicates() {
        #expect(Naming.uniqued(["a", "b", "a", "a"]) == ["a", "b", "a2", "a3"])
        #expect(Naming.uniqued(["a"], taken: ["a", "a2"]) == ["a3"])
    }

    @Test func literalsEscapeEverythingThatCouldEndThem() {
        #expect(SwiftText.literal("a\"b\\c\nd\r\u{0}\u{2028}") == #""a\"b\\c\nd\r\0\u{2028}""#)
        #expect(SwiftText.literal("\"\"\"") == #""\"\"\"""#)
        #expect(SwiftText.literal("\u{202E}x") == #""\u{202e}x""#)
    }

    @Test func commentLinesNeverLetTextOutOfTheComment() {
        #expect(SwiftText.commentLines("one\r\ntwo\rthree\u{2028}four\u{85}five") == ["one", "two", "three", "four", "five"])
        #expect(SwiftText.commentLines("\n\nfirst\n\n\n\nsecond  \n\n") == ["first", "", "second"])
        #expect(SwiftText.commentLines("bell\u{7}\u{0}end") == ["bellend"])
    }
}
