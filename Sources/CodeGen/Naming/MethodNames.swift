/// Method names for operations, from their `operationId`.
extension Naming {
    /// `post-generate-image-v-3` → `generateImageV3`: the HTTP verb "post"
    /// is dropped when more words follow, since it is no English verb here,
    /// and a version in front goes to the end, so that the name starts with
    /// its verb (`post-v-1-edit-image` → `editImageV1`). Without a usable
    /// operationId, the method and the path make the name (`get /pets/{id}`
    /// → `getPetsID`).
    public static func methodName(operationId: String?, method: String, path: String) -> String {
        guard let id = operationId, !words(id).isEmpty else {
            return member(method + " " + path, fallback: method)
        }
        var words = words(id)
        if words.count > 1, lowercased(words[0]) == "post", lowercased(method) == "post" {
            words.removeFirst()
        }
        return member(versionLast(words).joined(separator: " "), fallback: method)
    }

    /// Words with a leading version moved to the end, as one word:
    /// `v 1 edit image` and `v1 edit image` → `edit image V1`. Other words
    /// are left as they are.
    public static func versionLast(_ words: [String]) -> [String] {
        if words.count > 2, lowercased(words[0]) == "v", words[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Array(words.dropFirst(2)) + ["V" + words[1]]
        }
        if words.count > 1, let first = words.first, first.count > 1, lowercased(first).hasPrefix("v"),
            first.utf8.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            return Array(words.dropFirst()) + ["V" + first.dropFirst()]
        }
        return words
    }
}
