import Foundation
@testable import ClientRuntime
import Testing

/// `MultipartFormData`: the exact bytes of each kind of part (RFC 7578),
/// the escaping of names and filenames, and the choice of boundary.
struct MultipartTests {
    static let boundary = "XyZzY"

    /// One part's bytes, written out by hand.
    static func part(_ disposition: String, contentType: String? = nil, body: String) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; \(disposition)\r\n"
            + (contentType.map { "Content-Type: \($0)\r\n" } ?? "") + "\r\n\(body)\r\n"
    }

    static let closing = "--\(boundary)--\r\n"

    @Test func textPartsInOrder() {
        var form = MultipartFormData()
        form.append("a cat in a hat", name: "prompt")
        form.append(42, name: "seed")
        form.append(true, name: "magic")
        form.append(1.5, name: "weight")
        form.append("", name: "empty")
        form.append("héllo", name: "note", contentType: "text/plain; charset=utf-8")
        let encoded = form.encoded(boundary: Self.boundary)
        #expect(encoded.boundary == Self.boundary)
        #expect(encoded.body.text == Self.part(#"name="prompt""#, body: "a cat in a hat")
            + Self.part(#"name="seed""#, body: "42")
            + Self.part(#"name="magic""#, body: "true")
            + Self.part(#"name="weight""#, body: "1.5")
            + Self.part(#"name="empty""#, body: "")
            + Self.part(#"name="note""#, contentType: "text/plain; charset=utf-8", body: "héllo")
            + Self.closing)
    }

    /// Text parts take each type's wire text: dates in UTC with
    /// milliseconds, UUIDs in lower case, data as base64, URLs as written.
    @Test func textEncodableValuesAsParts() {
        var form = MultipartFormData()
        form.append(Date(timeIntervalSince1970: 1_730_455_574.744), name: "at")
        form.append(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, name: "id")
        form.append(Data([0, 1, 2, 253, 254, 255]), name: "blob")
        form.append(URL(string: "https://example.com/a?b=c")!, name: "link")
        form.append(Int64(-7), name: "offset")
        #expect(form.encoded(boundary: Self.boundary).body.text == Self.part(#"name="at""#, body: "2024-11-01T10:06:14.744Z")
            + Self.part(#"name="id""#, body: "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
            + Self.part(#"name="blob""#, body: "AAEC/f7/")
            + Self.part(#"name="link""#, body: "https://example.com/a?b=c")
            + Self.part(#"name="offset""#, body: "-7")
            + Self.closing)
    }

    @Test func filePartsCarryTheirFilenameAndTypeAndTheirBytesAsTheyAre() {
        // Bytes that look like line ends, a NUL and high bytes stay as they are.
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x0D, 0x0A, 0xFF])
        var form = MultipartFormData()
        form.append(MultipartFile(data: bytes, filename: "cat.png", contentType: "image/png"), name: "image")
        form.append(MultipartFile(data: Data("x".utf8), filename: "mask.bin", contentType: "image/png"), name: "mask",
                    contentType: "image/x-mask")
        var expected = Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"cat.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        expected += bytes
        expected += Data("\r\n".utf8)
        expected += Data(Self.part(#"name="mask"; filename="mask.bin""#, contentType: "image/x-mask", body: "x").utf8)
        expected += Data(Self.closing.utf8)
        #expect(form.encoded(boundary: Self.boundary).body == expected)
    }

    @Test func repeatedPartsKeepTheirOrder() {
        var form = MultipartFormData()
        for (index, name) in ["one.png", "two.png", "three.png"].enumerated() {
            form.append(MultipartFile(data: Data("\(index)".utf8), filename: name, contentType: "image/png"), name: "images")
        }
        form.append("after", name: "prompt")
        #expect(form.parts.map(\.name) == ["images", "images", "images", "prompt"])
        #expect(form.encoded(boundary: Self.boundary).body.text
            == Self.part(#"name="images"; filename="one.png""#, contentType: "image/png", body: "0")
            + Self.part(#"name="images"; filename="two.png""#, contentType: "image/png", body: "1")
            + Self.part(#"name="images"; filename="three.png""#, contentType: "image/png", body: "2")
            + Self.part(#"name="prompt""#, body: "after")
            + Self.closing)
    }

    @Test func jsonPartsAreSortedCompactJSON() throws {
        struct Member: Encodable {
            var color_hex = "#FF0000"
            var color_weight = 0.5
        }
        struct Palette: Encodable {
            var name = "sunset/warm"
            var members = [Member()]
            var when = Date(timeIntervalSince1970: 0)
        }
        var form = MultipartFormData()
        try form.appendJSON(Palette(), name: "color_palette")
        try form.appendJSON(["b": 2, "a": 1], name: "typed", contentType: "application/vnd.example+json")
        #expect(form.encoded(boundary: Self.boundary).body.text
            == Self.part(#"name="color_palette""#, contentType: "application/json",
                         body: ##"{"members":[{"color_hex":"#FF0000","color_weight":0.5}],"name":"sunset/warm","when":"1970-01-01T00:00:00Z"}"##)
            + Self.part(#"name="typed""#, contentType: "application/vnd.example+json", body: #"{"a":1,"b":2}"#)
            + Self.closing)
    }

    /// A value that turns out to be a primitive (a union of a string and an
    /// enum, as OpenAI's `model`) is a text part, as OpenAPI's default for
    /// primitives says; an explicit content type keeps JSON.
    @Test func primitiveValuesOfJSONFieldsAreTextParts() throws {
        var form = MultipartFormData()
        try form.appendJSON("dall-e-2 \"x\"", name: "model")
        try form.appendJSON(-2.5, name: "n")
        try form.appendJSON(true, name: "flag")
        try form.appendJSON("quoted", name: "typed", contentType: "application/json")
        #expect(form.encoded(boundary: Self.boundary).body.text
            == Self.part(#"name="model""#, body: #"dall-e-2 "x""#)
            + Self.part(#"name="n""#, body: "-2.5")
            + Self.part(#"name="flag""#, body: "true")
            + Self.part(#"name="typed""#, contentType: "application/json", body: #""quoted""#)
            + Self.closing)
    }

    @Test func aJSONPartThatCannotBeEncodedIsAnInvalidRequestThatNamesIt() {
        var form = MultipartFormData()
        let result = outcome { () throws(APIClientError) in try form.appendJSON(["weight": Double.nan], name: "palette") }
        let reason = result.failure?.invalidRequestReason
        #expect(reason?.hasPrefix("palette could not be encoded as JSON: ") == true, "\(String(describing: reason))")
        #expect(form.parts.isEmpty)
    }

    @Test func anEmptyFormIsTheClosingDelimiterAlone() {
        #expect(MultipartFormData().encoded(boundary: Self.boundary).body.text == "--XyZzY--\r\n")
    }

    // MARK: - Escaping

    /// As browsers do (WHATWG): `"`, CR and LF become %22, %0D and %0A;
    /// every other character, a backslash, a percent sign and non-ASCII
    /// included, is written as it is (in UTF-8).
    @Test(arguments: [
        (#"plain.png"#, #"plain.png"#),
        ("a\"b.png", "a%22b.png"),
        ("line\r\nbreak.png", "line%0D%0Abreak.png"),
        ("cr\ronly\nlf.png", "cr%0Donly%0Alf.png"),
        (#"back\slash.png"#, #"back\slash.png"#),
        ("100%22.png", "100%22.png"),
        ("semi;colon=x.png", "semi;colon=x.png"),
        ("café ☕️ 猫.png", "café ☕️ 猫.png"),
        ("", ""),
    ])
    func parametersAreEscapedAsBrowsersDo(raw: String, escaped: String) {
        #expect(MultipartFormData.escapeParameter(raw) == escaped)
        var form = MultipartFormData()
        form.append(MultipartFile(data: Data("x".utf8), filename: raw, contentType: "text/plain"), name: raw)
        #expect(form.encoded(boundary: Self.boundary).body
            == Data((Self.part("name=\"\(escaped)\"; filename=\"\(escaped)\"", contentType: "text/plain", body: "x") + Self.closing).utf8))
    }

    /// A part's content type is written as it is given, line breaks
    /// included, so a type with CR LF adds headers of its own to the part.
    /// Browsers drop a file type that is not printable ASCII.
    @Test func aContentTypeWithALineBreakDoesNotAddHeaders() {
        var form = MultipartFormData()
        form.append(MultipartFile(data: Data("x".utf8), filename: "a.png", contentType: "image/png\r\nX-Injected: 1"), name: "image")
        let body = form.encoded(boundary: Self.boundary).body.text
        #expect(!body.contains("\r\nX-Injected: 1\r\n"), "\(body)")
    }

    // MARK: - Boundaries

    @Test func randomBoundariesAreFiftyFourCharactersOfPrefixAndHexAndDiffer() {
        let boundaries = (0..<100).map { _ in MultipartFormData.randomBoundary() }
        #expect(Set(boundaries).count == 100)
        for boundary in boundaries {
            #expect(boundary.hasPrefix("----ideogram-boundary-"))
            #expect(boundary.count == 54)
            #expect(boundary.dropFirst(22).allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test func aBoundaryInAPartIsLengthenedByAHexDigit() {
        var form = MultipartFormData()
        form.append("first", name: "a")
        form.append(MultipartFile(data: Data("...--XyZzY...".utf8), filename: "b.bin", contentType: "text/plain"), name: "b")
        let encoded = form.encoded(boundary: Self.boundary)
        #expect(encoded.boundary.count == Self.boundary.count + 1)
        #expect(encoded.boundary.hasPrefix(Self.boundary))
        #expect("0123456789abcdef".contains(encoded.boundary.last!))
        #expect(encoded.body.text == "--\(encoded.boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst\r\n"
            + "--\(encoded.boundary)\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.bin\"\r\nContent-Type: text/plain\r\n\r\n...--XyZzY...\r\n"
            + "--\(encoded.boundary)--\r\n")
    }

    /// When every one-digit extension occurs too, it grows until one does not.
    @Test func aBoundaryIsLengthenedUntilItOccursNowhere() {
        let payload = "0123456789abcdef".map { "--\(Self.boundary)\($0)" }.joined(separator: "|")
        var form = MultipartFormData()
        form.append(payload, name: "p")
        let encoded = form.encoded(boundary: Self.boundary)
        #expect(encoded.boundary.count >= Self.boundary.count + 2)
        #expect(encoded.boundary.hasPrefix(Self.boundary))
        #expect(!payload.contains("--" + encoded.boundary))
        #expect(encoded.body.text.components(separatedBy: "--" + encoded.boundary).count == 3)
    }

    @Test func aBoundaryOfSeventyCharactersThatOccursIsReplacedByARandomOne() {
        let long = String(repeating: "b", count: 70)
        var form = MultipartFormData()
        form.append("--" + long, name: "p")
        let encoded = form.encoded(boundary: long)
        #expect(encoded.boundary.hasPrefix("----ideogram-boundary-"))
        #expect(encoded.boundary.count == 54)
        #expect(encoded.body.text.hasSuffix("--\(encoded.boundary)--\r\n"))
    }

    @Test func aBoundaryOfSixtyNineCharactersMayGrowToSeventy() {
        let long = String(repeating: "b", count: 69)
        var form = MultipartFormData()
        form.append("--" + long, name: "p")
        let encoded = form.encoded(boundary: long)
        #expect(encoded.boundary.count == 70)
        #expect(encoded.boundary.hasPrefix(long))
    }

    /// `occurs` scans with memchr and memcmp; a naive search is its twin.
    @Test func occursAgreesWithANaiveSearch() {
        func naive(_ needle: [UInt8], _ haystack: [UInt8]) -> Bool {
            if needle.isEmpty { return true }
            guard haystack.count >= needle.count else { return false }
            return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
        }
        // A fixed linear congruential generator: the same cases every run.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [UInt8] = [0x2D, 0x61, 0x62]
        var found = 0
        for _ in 0..<2_000 {
            let haystack = (0..<next(24)).map { _ in alphabet[next(3)] }
            let needle = (0..<next(5)).map { _ in alphabet[next(3)] }
            let expected = naive(needle, haystack)
            if expected { found += 1 }
            #expect(MultipartFormData.occurs(needle, in: Data(haystack)) == expected, "\(needle) in \(haystack)")
        }
        #expect(found > 200 && found < 1_800, "both answers are exercised")
        // A slice whose indices do not start at zero.
        let slice = Data("xx--ab".utf8).dropFirst(2)
        #expect(MultipartFormData.occurs(Array("--ab".utf8), in: slice))
        #expect(!MultipartFormData.occurs(Array("x--".utf8), in: slice))
    }

    @Test func aRequestWithAMultipartBodyNamesTheBoundaryItUsed() throws {
        var form = MultipartFormData()
        form.append(MultipartFile(data: Data("--XyZzY".utf8), filename: "a.bin", contentType: "text/plain"), name: "f")
        var builder = RequestBuilder(operationID: "op", method: "POST", path: "/upload")
        builder.setMultipartBody(form, boundary: Self.boundary)
        let request = try builder.makeRequest(configuration: APIClient.Configuration(baseURL: URL(string: Fixture.baseURL)!))
        let contentType = try #require(request.value(forHeader: "Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary=XyZzY"))
        let used = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        #expect(used.count == 6)
        #expect(request.body?.text.hasSuffix("\r\n--\(used)--\r\n") == true)
    }
}
