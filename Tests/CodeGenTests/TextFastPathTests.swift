@testable import CodeGen
import Testing

/// The renderer's byte-level shortcuts give the same text as the general
/// code they stand in for.
struct TextFastPathTests {
    /// Random strings over pieces chosen to hit every case: line breaks of
    /// each kind, tabs, controls, quotes, backslashes, trailing spaces.
    static func samples(seed: UInt64, pieces: [String], count: Int = 3_000) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = Int(generator.next() % 8)
            return (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
    }

    static let asciiPieces = ["a", "Word", " ", "  ", "\n", "\r", "\r\n", "\n\n", "\t", "\u{0B}", "\u{0C}", "\u{01}", "\u{7F}",
                              "\"", "\\", "*/", "\"\"\"", "#", "`", "~"]

    @Test func asciiCommentLinesMatchTheScalarPath() {
        for text in Self.samples(seed: 11, pieces: Self.asciiPieces) {
            #expect(SwiftText.asciiLines(text) == SwiftText.scalarLines(text), "\(text.debugDescription)")
        }
        #expect(SwiftText.commentLines("  one\r\n\r\n\r\ntwo\t \u{01}\n\n") == ["  one", "", "two"])
    }

    @Test func asciiCheckAgreesWithTheStandardLibrary() {
        // Long and short texts, with the non-ASCII scalar at every offset of an eight-byte word.
        for text in Self.samples(seed: 14, pieces: ["abcdefg", "a", "é", "\u{7F}", "😀", "\n", "ab"], count: 2_000) {
            #expect(SwiftText.isASCII(text) == text.utf8.allSatisfy { $0 < 0x80 }, "\(text.debugDescription)")
        }
        #expect(SwiftText.isASCII(""))
    }

    @Test func printableLineCheckAgreesWithTheBytes() {
        // Every kind of byte the eight-byte check tells apart, at every offset of a word.
        let pieces = ["abcdefg", "a", " ", "   ", "~", "\u{1F}", "\u{7F}", "\u{80}", "é", "\n", "\t", "`"]
        for text in Self.samples(seed: 16, pieces: pieces, count: 3_000) {
            let printable = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            var trimmed = Substring(text)
            while trimmed.last == " " { trimmed.removeLast() }
            #expect(SwiftText.printableLine(text) == (printable ? String(trimmed) : nil), "\(text.debugDescription)")
            if printable {
                // The general path, for the lines the shortcut takes.
                let general = SwiftText.asciiLines(text).map { line in
                    String(line.reversed().drop { $0 == " " }.reversed())
                }
                #expect(SwiftText.commentLines(text) == general.filter { !$0.isEmpty }, "\(text.debugDescription)")
            }
        }
    }

    @Test func commentLinesOfNonASCIITextTakeTheScalarPath() {
        #expect(SwiftText.commentLines("é\u{2028}ü\u{85}\u{202E}x\u{9F}") == ["é", "ü", "x"])
    }

    @Test func plainLiteralsMatchTheEscapingPath() {
        for text in Self.samples(seed: 12, pieces: Self.asciiPieces + ["é", "\u{2028}", "\u{202E}"]) {
            #expect(SwiftText.literal(text) == SwiftText.escapedLiteral(text), "\(text.debugDescription)")
        }
    }

    @Test func byteSearchAgreesWithTheStandardLibrary() {
        let pieces = ["a", "aa", "b", "__CLIENT__", "__CLIENT__Error", "_", "Date", "é", "\r\n", ""]
        let needles = ["a", "aa", "aaa", "__CLIENT__", "__CLIENT__Error", "Date", "b"]
        for text in Self.samples(seed: 13, pieces: pieces, count: 1_500) {
            for needle in needles {
                #expect(ByteSearch.replacing(needle, with: "<\(needle.count)>", in: text) == text.replacing(needle, with: "<\(needle.count)>"),
                        "\(needle) in \(text.debugDescription)")
            }
        }
    }

    @Test func byteSearchEdges() {
        #expect(ByteSearch.replacing("", with: "x", in: "abc") == "abc")
        #expect(ByteSearch.replacing("abc", with: "", in: "abc") == "")
        #expect(ByteSearch.replacing("aa", with: "b", in: "aaaaa") == "bba")
    }

    @Test func asciiCamelCaseMatchesTheWordByWordPath() {
        let pieces = ["a", "B", "ab", "AB", "Ab", "id", "ID", "Ids", "IDS", "urls", "URLs", "https", "HTTPS", "httpss", "Http",
                      "s", "S", "v3", "3D", "80S", "2x", "_", "-", " ", ".", "\r\n", "9", "00", "HTTPServer", "ocrs", "uI"]
        for name in Self.samples(seed: 15, pieces: pieces, count: 4_000) {
            #expect(Naming.asciiCamel(name, lowerFirst: false) == Naming.wordsUpperCamel(name), "\(name.debugDescription)")
            #expect(Naming.asciiCamel(name, lowerFirst: true) == Naming.wordsLowerCamel(name), "\(name.debugDescription)")
        }
        #expect(Naming.asciiCamel("caf\u{E9}", lowerFirst: true) == nil, "a name that is not ASCII takes the general path")
        #expect(Naming.lowerCamel("HTTPS_urls-v3_3d") == "httpsURLsV3_3d")
        #expect(Naming.upperCamel("url ids 10 16") == "UrlIDs10_16")
    }

    /// The writer wraps comment lines on bytes; it agrees with the simple
    /// `SwiftText.wrapped` on paragraphs built to hit every rule: prose,
    /// list items and their continuations, code fences, indented code,
    /// tables, headings, words longer than the width, non-ASCII text.
    @Test func wrappedCommentsMatchTheSimpleWrapping() {
        let pieces = ["word", "a", "longerword", "é", "`code`", "- ", "* ", "12. ", "```", "| a | b |", "# Head",
                      "    ", "  ", "x" + String(repeating: "y", count: 40), "end."]
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<1_500 {
            var lines: [String] = []
            for _ in 0..<Int(generator.next() % 6) + 1 {
                let count = Int(generator.next() % 30)
                var line = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: " ")
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
            let indentation = Int(generator.next() % 3)
            var writer = SwiftWriter()
            for _ in 0..<indentation { writer.indent() }
            writer.documentation(Documentation(details: lines.joined(separator: "\n")))
            let width = SwiftWriter.lineLimit - 4 * indentation - 4
            let prefix = String(repeating: " ", count: 4 * indentation)
            let expected = SwiftText.wrapped(SwiftText.commentLines(lines.joined(separator: "\n")), width: width)
                .map { prefix + ($0.isEmpty ? "///" : "/// " + $0) + "\n" }.joined()
            #expect(writer.text == expected, "\(lines)")
        }
    }
}
