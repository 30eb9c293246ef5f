/// The stable id of a change (``SpecChange/fingerprint``): FNV-1a, 64 bits,
/// over its rule, side, pointer and message, written as the first 12 hex
/// digits. The same on every machine and in every run (Swift's `Hasher` is
/// seeded per process, so it cannot serve).
enum ChangeFingerprint {
    static func of(rule: String, direction: String, pointer: String, message: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in [rule, direction, pointer, message].enumerated() {
            if index > 0 {
                // A separator no part holds, so that ("ab", "c") and ("a", "bc") differ.
                hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3
            }
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }

    /// Whether `text` has the form of a fingerprint: 12 lowercase hex digits.
    static func isFingerprint(_ text: Substring) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
