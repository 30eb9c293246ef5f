import Foundation

/// A value read from text: a response header's value, as the API
/// documents its type. Nil when the text does not spell one.
@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated protocol TextDecodable {
    init?(text: String)
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension String: TextDecodable {
    init?(text: String) { self = text }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Int: TextDecodable {
    init?(text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Int32: TextDecodable {
    init?(text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Int64: TextDecodable {
    init?(text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Double: TextDecodable {
    init?(text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Float: TextDecodable {
    init?(text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Bool: TextDecodable {
    init?(text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension URL: TextDecodable {
    init?(text: String) { self.init(string: text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension UUID: TextDecodable {
    init?(text: String) { self.init(uuidString: text.trimmingCharacters(in: .whitespaces)) }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension Date: TextDecodable {
    /// An ISO 8601 date, or an HTTP-date (`Sun, 06 Nov 1994 08:49:47 GMT`), as headers write them.
    init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let date = ISO8601Date.parse(trimmed) ?? HTTPDate.parse(trimmed) else { return nil }
        self = date
    }
}

@available(macOS 13, iOS 16, tvOS 16, watchOS 9, visionOS 1, *)
nonisolated extension APIClient.HTTPResponse {
    /// A header's value read as `type`; nil when it is absent or does not
    /// read as one.
    func value<Value: TextDecodable>(forHeader name: String, as type: Value.Type) -> Value? {
        value(forHeader: name).flatMap(Value.init(text:))
    }

    /// A header's value read as a case of an enum of the API.
    func value<Value: RawRepresentable>(forHeader name: String, as type: Value.Type) -> Value?
    where Value.RawValue: TextDecodable {
        value(forHeader: name).flatMap(Value.RawValue.init(text:)).flatMap(Value.init(rawValue:))
    }

    /// A header's comma-separated values (the `simple` style), each read as
    /// `Element`; nil when one of them does not read as one.
    func value<Element: TextDecodable>(forHeader name: String, as type: [Element].Type) -> [Element]? {
        guard let text = value(forHeader: name) else { return nil }
        var elements: [Element] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let element = Element(text: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            elements.append(element)
        }
        return elements
    }
}
