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

    @Test(arguments: [
        ("Models", "Model"), ("Categories", "Category"), ("CATEGORIES", "CATEGORY"), ("Addresses", "Address"),
        ("Statuses", "Status"), ("Boxes", "Box"), ("Batches", "Batch"), ("Dishes", "Dish"), ("Responses", "Response"),
        ("Sizes", "Size"), ("Houses", "House"), ("Caches", "Cache"), ("Movies", "Movie"), ("People", "Person"),
        ("ImageURLs", "ImageURL"), ("Analyses", "Analysis"), ("StyleCodes", "StyleCode"),
    ])
    func pluralsBecomeSingular(plural: String, singular: String) {
        #expect(Naming.singular(plural) == singular)
    }

    @Test(arguments: ["Status", "Address", "Analysis", "Series", "Data", "Bus", "News", "Alias", "Canvas", "Item"])
    func singularsStayAsTheyAre(name: String) {
        #expect(Naming.singular(name) == nil)
    }

    @Test(arguments: [
        ("post-generate-image-v-3", "POST", "generateImageV3"),
        ("post-v-1-edit-image", "POST", "editImageV1"),
        ("v1-list-models", "GET", "listModelsV1"),
        ("post", "POST", "post"),
        ("get-pets", "GET", "getPets"),
        ("post-it", "PUT", "postIt"),
        ("listDatasets", "GET", "listDatasets"),
    ])
    func methodNamesStartWithTheirVerb(operationId: String, method: String, expected: String) {
        #expect(Naming.methodName(operationId: operationId, method: method, path: "/x") == expected)
    }

    @Test func methodNamesWithoutAnOperationIdComeFromMethodAndPath() {
        #expect(Naming.methodName(operationId: nil, method: "get", path: "/pets/{pet_id}") == "getPetsPetID")
        #expect(Naming.methodName(operationId: "--", method: "delete", path: "/") == "delete")
    }

    @Test func aLeadingVersionMovesToTheEnd() {
        #expect(Naming.versionLast(["V1", "Edit", "Image"]) == ["Edit", "Image", "V1"])
        #expect(Naming.versionLast(["v", "2", "Remix"]) == ["Remix", "V2"])
        #expect(Naming.versionLast(["V1"]) == ["V1"])
        #expect(Naming.versionLast(["Vivid", "Colors"]) == ["Vivid", "Colors"])
        #expect(Naming.versionLast(["v2beta", "Thing"]) == ["v2beta", "Thing"])
    }

    @Test func enumCasesAreIdentifiersThatSayTheirValue() {
        #expect(Naming.enumCase("16x9", isInteger: false) == "_16x9")
        #expect(Naming.enumCase("AUTO", isInteger: false) == "auto")
        #expect(Naming.enumCase("", isInteger: false) == "empty")
        #expect(Naming.enumCase("1", isInteger: true) == "value1")
        #expect(Naming.enumCase("-1", isInteger: true) == "valueMinus1")
    }

    @Test func enumCaseWordsLeaveOutTheTypesWord() {
        #expect(Naming.enumCaseWords(["SIZE_S", "SIZE_XL"], typeName: "Size") == ["S", "XL"])
        #expect(Naming.enumCaseWords(["ASPECT_16_9"], typeName: "AspectRatio") == ["16x9"])
        #expect(Naming.enumCaseWords(["SIZE_S", "LARGE"], typeName: "Size") == nil)
        #expect(Naming.enumCaseWords(["SIZE_A", "SIZE_a"], typeName: "Size") == nil)
    }

    @Test func unionCasesLeaveOutTheWordsAllVariantsShare() {
        #expect(Naming.unionCases(["ColorPaletteWithMembers", "ColorPaletteWithPresetName"]) == ["members", "presetName"])
        #expect(Naming.unionCases(["string", "integerList"]) == ["string", "integerList"])
        #expect(Naming.unionCases(["Pet", "Pet"]) == ["pet", "pet"])
    }

    @Test func errorBodyCasesReadTheirTypesName() {
        #expect(Naming.errorBodyCase(typeName: "GenerateImageSafetyError") == "generateImageSafetyError")
        #expect(Naming.errorBodyCase(typeName: "Outer.Inner") == "outerInner")
    }

    @Test func fileNamesDifferBeyondCase() {
        var names = FileNames()
        #expect(names.claim("Configuration", suffix: "Type") == "Configuration")
        #expect(names.claim("configuration", suffix: "Type") == "configurationType")
        #expect(names.claim("Configuration", suffix: "Type") == "ConfigurationType2")
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
