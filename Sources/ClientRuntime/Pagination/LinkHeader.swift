public import Foundation

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient {
    /// The `Link` header field of RFC 8288: links, each a target URI in
    /// angle brackets followed by parameters (`rel`, `title`, ...), values
    /// as tokens or quoted strings (with backslash escapes), separated by
    /// commas; several header lines joined by commas read the same.
    @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
    nonisolated public struct LinkHeader: Sendable, Hashable {
        /// One link of the header.
        @available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
        nonisolated public struct Link: Sendable, Hashable {
            /// The target, resolved against the base URL when relative.
            public var target: URL
            /// The relation types of its first `rel` parameter, lower-cased
            /// (`rel="next last"` is both).
            public var relations: [String]
            /// Every parameter, names lower-cased; of a repeated name, the first.
            public var parameters: [String: String]
        }

        /// The links, in order.
        public var links: [Link]

        /// Reads a header's value; a link whose target is not a URL, or
        /// that breaks the syntax, is skipped, and reading goes on at the
        /// next comma outside brackets and quotes.
        public init(_ value: String, base: URL?) {
            links = Self.parse(Array(value.unicodeScalars), base: base)
        }

        /// The target of the first link of relation `relation` in `value`.
        public static func target(of relation: String, in value: String, base: URL?) -> URL? {
            let wanted = relation.lowercased()
            return LinkHeader(value, base: base).links.first { $0.relations.contains(wanted) }?.target
        }

        private static func parse(_ text: [Unicode.Scalar], base: URL?) -> [Link] {
            var links: [Link] = []
            var index = 0
            func skipSpace() {
                while index < text.count, text[index] == " " || text[index] == "\t" { index += 1 }
            }
            /// Skips to just after the next comma outside brackets and quotes.
            func skipLink() {
                var quoted = false
                var bracketed = false
                while index < text.count {
                    let scalar = text[index]
                    index += 1
                    if quoted {
                        if scalar == "\\" { index += 1 } else if scalar == "\"" { quoted = false }
                    } else if bracketed {
                        if scalar == ">" { bracketed = false }
                    } else if scalar == "\"" {
                        quoted = true
                    } else if scalar == "<" {
                        bracketed = true
                    } else if scalar == "," {
                        return
                    }
                }
            }
            func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
                scalar.value > 0x20 && scalar.value < 0x7F && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(scalar)
            }
            while index < text.count {
                skipSpace()
                if index < text.count, text[index] == "," {
                    index += 1
                    continue
                }
                guard index < text.count, text[index] == "<",
                    let close = text[index...].firstIndex(of: ">")
                else {
                    skipLink()
                    continue
                }
                let reference = String(String.UnicodeScalarView(text[(index + 1)..<close]))
                index = close + 1
                var parameters: [String: String] = [:]
                var relations: [String]?
                var broken = false
                while true {
                    skipSpace()
                    guard index < text.count, text[index] == ";" else { break }
                    index += 1
                    skipSpace()
                    let nameStart = index
                    while index < text.count, isTokenCharacter(text[index]) { index += 1 }
                    let name = String(String.UnicodeScalarView(text[nameStart..<index])).lowercased()
                    guard !name.isEmpty else {
                        broken = true
                        break
                    }
                    skipSpace()
                    var value = ""
                    if index < text.count, text[index] == "=" {
                        index += 1
                        skipSpace()
                        if index < text.count, text[index] == "\"" {
                            index += 1
                            var closed = false
                            while index < text.count {
                                let scalar = text[index]
                                index += 1
                                if scalar == "\\", index < text.count {
                                    value.unicodeScalars.append(text[index])
                                    index += 1
                                } else if scalar == "\"" {
                                    closed = true
                                    break
                                } else {
                                    value.unicodeScalars.append(scalar)
                                }
                            }
                            if !closed { broken = true }
                        } else {
                            let valueStart = index
                            while index < text.count, isTokenCharacter(text[index]) { index += 1 }
                            value = String(String.UnicodeScalarView(text[valueStart..<index]))
                        }
                    }
                    if parameters[name] == nil { parameters[name] = value }
                    if name == "rel", relations == nil {
                        relations = value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
                            .map(String.init)
                    }
                }
                skipSpace()
                if broken || (index < text.count && text[index] != ",") {
                    skipLink()
                    continue
                }
                let trimmed = reference.trimmingCharacters(in: .whitespaces)
                if let target = URL(string: trimmed, relativeTo: base)?.absoluteURL {
                    links.append(Link(target: target, relations: relations ?? [], parameters: parameters))
                }
            }
            return links
        }
    }
}
