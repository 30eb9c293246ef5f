import Foundation
@testable import ClientRuntime
import Testing

/// The SSE parser against the WHATWG rules ("Interpreting an event
/// stream"), its examples included, whatever the chunks the bytes arrive in.
struct ServerSentEventParserTests {
    typealias Event = APIClient.ServerSentEvent

    /// Every event of `text`, fed as one chunk.
    static func events(_ text: String) throws -> [Event] {
        try events(Data(text.utf8))
    }

    static func events(_ bytes: Data, chunks: [Range<Int>]? = nil) throws -> [Event] {
        var parser = APIClient.ServerSentEventParser()
        var result: [Event] = []
        for range in chunks ?? [0..<bytes.count] {
            result += try parser.parse(bytes.subdata(in: range))
        }
        return result + parser.finish()
    }

    @Test func dataLinesJoinWithLineFeeds() throws {
        #expect(try Self.events("data: YHOO\ndata: +2\ndata: 10\n\n") == [Event(data: "YHOO\n+2\n10")])
    }

    /// The standard's second example: a comment, ids that carry over, an
    /// `id` line without a colon that empties the id, and only one space
    /// dropped after the colon.
    @Test func theStandardsExampleOfIdsAndSpaces() throws {
        let text = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
        #expect(
            try Self.events(text) == [
                Event(data: "first event", id: "1"), Event(data: "second event", id: ""),
                Event(data: " third event", id: ""),
            ])
    }

    /// The standard's third example: `data` alone is an empty value; an
    /// event the stream ends in the middle of is dropped.
    @Test func aFieldWithoutAColonHasAnEmptyValueAndAnUnfinishedEventIsDropped() throws {
        #expect(try Self.events("data\n\ndata\ndata\n\ndata:") == [Event(data: ""), Event(data: "\n")])
    }

    @Test func oneSpaceAfterTheColonIsOptional() throws {
        #expect(try Self.events("data:test\n\ndata: test\n\n") == [Event(data: "test"), Event(data: "test")])
    }

    @Test func theEventFieldNamesTheTypeForOneEventOnly() throws {
        let text = "event: response.created\ndata: {}\n\ndata: plain\n\nevent:\ndata: x\n\n"
        #expect(
            try Self.events(text) == [
                Event(event: "response.created", data: "{}"), Event(data: "plain"), Event(event: "message", data: "x"),
            ])
    }

    @Test func anEventWithoutDataIsNotDispatchedButItsIdIsKept() throws {
        let text = "id: 7\nevent: ping\n\ndata: after\n\n"
        #expect(try Self.events(text) == [Event(data: "after", id: "7")])
    }

    @Test func retryTakesDigitsOnlyAndIsReportedOnTheNextEvent() throws {
        var parser = APIClient.ServerSentEventParser()
        let events = try parser.parse(Data("retry: 3000\ndata: a\n\nretry: 10a\ndata: b\n\nretry\ndata: c\n\n".utf8))
        #expect(events == [Event(data: "a", retry: 3000), Event(data: "b"), Event(data: "c")])
        #expect(parser.reconnectionTime == 3000)
    }

    @Test func anIdHoldingNULIsIgnored() throws {
        #expect(try Self.events("id: 1\ndata: a\n\nid: 2\u{0}x\ndata: b\n\n") == [
            Event(data: "a", id: "1"), Event(data: "b", id: "1"),
        ])
    }

    @Test func commentsKeepAlivesAndUnknownFieldsAreIgnored() throws {
        let text = ":keep-alive\n: ping\n:\nfoo: bar\nDATA: no\ndata: yes\n: between\n\n:\n\n"
        #expect(try Self.events(text) == [Event(data: "yes")])
    }

    @Test(arguments: ["\n", "\r", "\r\n"])
    func everyLineEndReadsTheSame(lineEnd: String) throws {
        let text = ["event: e", "data: one", "data: two", "id: 9", "", ": c", "data: three", "", ""]
            .joined(separator: lineEnd)
        #expect(
            try Self.events(text) == [Event(event: "e", data: "one\ntwo", id: "9"), Event(data: "three", id: "9")])
    }

    @Test func mixedLineEndsAndACarriageReturnBeforeALineFeedAreOneLineEnd() throws {
        // CR then LF is one end; LF then CR is two (an empty line between).
        #expect(try Self.events("data: a\r\ndata: b\n\rdata: c\r\r") == [Event(data: "a\nb"), Event(data: "c")])
    }

    @Test func oneLeadingByteOrderMarkIsSkipped() throws {
        #expect(try Self.events("\u{FEFF}data: a\n\n") == [Event(data: "a")])
        // A second one is part of the first field's name, which is then unknown.
        #expect(try Self.events("\u{FEFF}\u{FEFF}data: a\n\ndata: b\n\n") == [Event(data: "b")])
        // Bytes that only begin like one are text.
        var bytes = Data([0xEF, 0xBB])
        bytes.append(Data(":x\ndata: c\n\n".utf8))
        #expect(try Self.events(bytes) == [Event(data: "c")])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var bytes = Data("data: a".utf8)
        bytes.append(0xFF)
        bytes.append(Data("b\n\n".utf8))
        #expect(try Self.events(bytes) == [Event(data: "a\u{FFFD}b")])
    }

    /// A stream with every rule in it, cut into two chunks at every byte
    /// position (a CRLF, a BOM and a multi-byte character split included),
    /// and fed one byte at a time, reads as it does whole.
    @Test func chunksSplitAtEveryPositionReadTheSame() throws {
        let text =
            "\u{FEFF}: hello\r\nevent: update\r\ndata: {\"a\": \"é✓\"}\r\nid: 42\r\nretry: 1500\r\n\r\n"
            + "data: line one\rdata:line two\r\r:keep-alive\n\ndata\n\nid\ndata: last\n\ndata: cut"
        let bytes = Data(text.utf8)
        let whole = try Self.events(bytes)
        #expect(
            whole == [
                Event(event: "update", data: "{\"a\": \"é✓\"}", id: "42", retry: 1500),
                Event(data: "line one\nline two", id: "42"), Event(data: "", id: "42"), Event(data: "last", id: ""),
            ])
        for split in 0...bytes.count {
            let events = try Self.events(bytes, chunks: [0..<split, split..<bytes.count])
            #expect(events == whole, "split at \(split)")
        }
        let single = try Self.events(bytes, chunks: (0..<bytes.count).map { $0..<($0 + 1) })
        #expect(single == whole)
    }

    @Test func anEventLargerThanTheLimitIsAnError() throws {
        var parser = APIClient.ServerSentEventParser(maximumEventSize: 100)
        #expect(try parser.parse(Data(("data: " + String(repeating: "a", count: 90) + "\n\n").utf8)).count == 1)
        #expect(throws: DecodingError.self) {
            _ = try parser.parse(Data(("data: " + String(repeating: "b", count: 60) + "\n").utf8))
            _ = try parser.parse(Data(("data: " + String(repeating: "c", count: 60) + "\n").utf8))
        }
    }

    /// A long stream of events is read in chunks with the parser holding no
    /// more than the event under way: what it keeps between chunks is the
    /// unfinished line, not what came before.
    @Test func theParserKeepsOnlyTheEventUnderWay() throws {
        var parser = APIClient.ServerSentEventParser(maximumEventSize: 64)
        var count = 0
        for index in 0..<20_000 {
            count += try parser.parse(Data("data: event \(index)\n\n".utf8)).count
        }
        #expect(count == 20_000)
    }
}
