import Foundation
@testable import ClientRuntime
import Testing

/// JSON Lines and JSON text sequences (RFC 7464) cut into values, whatever
/// the chunks the bytes arrive in.
struct LineFormatTests {
    static func lines(_ bytes: Data, split: Int? = nil) throws -> [String] {
        var parser = APIClient.JSONLinesParser()
        let cut = split ?? bytes.count
        let found =
            try parser.parse(bytes.subdata(in: 0..<cut)) + parser.parse(bytes.subdata(in: cut..<bytes.count))
            + parser.finish()
        return found.map(\.text)
    }

    static func records(_ bytes: Data, split: Int? = nil) throws -> [String] {
        var parser = APIClient.JSONSequenceParser()
        let cut = split ?? bytes.count
        let found =
            try parser.parse(bytes.subdata(in: 0..<cut)) + parser.parse(bytes.subdata(in: cut..<bytes.count))
            + parser.finish()
        return found.map(\.text)
    }

    @Test func jsonLinesAreOneValueALine() throws {
        let text = "{\"a\":1}\n{\"b\":\"x\\ny\"}\r\n\n   \n[1,2]\n\"last without a line end\""
        let expected = ["{\"a\":1}", "{\"b\":\"x\\ny\"}", "[1,2]", "\"last without a line end\""]
        let bytes = Data(text.utf8)
        #expect(try Self.lines(bytes) == expected)
        for split in 0...bytes.count {
            #expect(try Self.lines(bytes, split: split) == expected, "split at \(split)")
        }
    }

    @Test func aJSONLineLongerThanTheLimitIsAnError() {
        var parser = APIClient.JSONLinesParser(maximumLineSize: 10)
        #expect(throws: DecodingError.self) { try parser.parse(Data(String(repeating: "1", count: 11).utf8)) }
    }

    @Test func jsonSequenceRecordsStartWithRecordSeparators() throws {
        let text = "\u{1E}{\"a\":1}\n\u{1E}\u{1E}\u{1E}[1, 2]\n\u{1E}  \"text\"\n\u{1E}42\n\u{1E}true\n\u{1E}{\"cut\": tr"
        let expected = ["{\"a\":1}", "[1, 2]", "\"text\"", "42", "true", "{\"cut\": tr"]
        let bytes = Data(text.utf8)
        #expect(try Self.records(bytes) == expected)
        for split in 0...bytes.count {
            #expect(try Self.records(bytes, split: split) == expected, "split at \(split)")
        }
    }

    /// RFC 7464, section 2.4: a number, `true`, `false` or `null` with no
    /// whitespace after it may have been cut short, and is dropped.
    @Test func aBareValueWithoutALineEndMayBeTruncatedAndIsDropped() throws {
        #expect(try Self.records(Data("\u{1E}123\n\u{1E}456\u{1E}nul".utf8)) == ["123"])
        // Bytes before the first separator belong to no record.
        #expect(try Self.records(Data("junk\n\u{1E}{}\n".utf8)) == ["{}"])
    }
}
