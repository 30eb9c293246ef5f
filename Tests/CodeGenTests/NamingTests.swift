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

    /// The byte-level splitter for ASCII names agrees with the character-level
    /// one on names built to hit every rule: case changes, acronyms, digits,
    /// punctuation, CR LF.
    @Test func asciiWordsAgreeWithCharacterWords() {
        let pieces = ["a", "B", "ab", "AB", "Ab", "aB", "ABc", "HTTPServer", "URLs", "v3", "3D", "80S", "x9Y", "_", "-", " ", ".", "\r\n", "$", "9", "Id", "ID", "iOS"]
        var generator = SeededGenerator(seed: 7)
        var checked = 0
        for _ in 0..<4_000 {
            let count = Int(generator.next() % 6) + 1
            let name = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(Naming.asciiWords(Array(name.utf8)) == Naming.characterWords(name), "\(name.debugDescription)")
            checked += 1
        }
        #expect(checked == 4_000)
        #expect(Naming.words("HTTPServerURL_v3-80S") == ["HTTP", "Server", "URL", "v3", "80S"])
    }

    /// Case changes work on bytes; on names made of the same pieces, they
    /// agree with the same rules written on characters.
    @Test func camelCaseAgreesWithCharacterRules() {
        func capitalized(_ word: String, position: Int) -> String {
            let lower = word.lowercased()
            if position > 0, Naming.acronyms.contains(lower) { return lower.uppercased() }
            if position > 0, lower.hasSuffix("s"), Naming.acronyms.contains(String(lower.dropLast())) {
                return lower.dropLast().uppercased() + "s"
            }
            let normalized = word.contains(where: \.isLowercase) ? word : lower
            return normalized.prefix(1).uppercased() + normalized.dropFirst()
        }
        func join(_ parts: [String]) -> String {
            parts.reduce("") { ($0.last?.isNumber == true && $1.first?.isNumber == true) ? $0 + "_" + $1 : $0 + $1 }
        }
        let pieces = ["a", "B", "ab", "AB", "Ab", "id", "ID", "urls", "URLs", "Http", "v3", "3D", "80S", "_", "-", " ", "9", "é"]
        var generator = SeededGenerator(seed: 21)
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 5) + 1
            let name = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let words = Naming.words(name)
            #expect(Naming.upperCamel(name) == join(words.enumerated().map { capitalized($0.element, position: $0.offset) }),
                    "\(name.debugDescription)")
            if let first = words.first {
                let lowerFirst = first.allSatisfy { $0.isUppercase || $0.isNumber } || Naming.acronyms.contains(first.lowercased())
                    || (first.lowercased().hasSuffix("s") && Naming.acronyms.contains(String(first.lowercased().dropLast())))
                let head = lowerFirst ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
                let expected = join([head] + words.dropFirst().enumerated().map { capitalized($0.element, position: $0.offset + 1) })
                #expect(Naming.lowerCamel(name) == expected, "\(name.debugDescription)")
            }
        }
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
