/// Hands out the file names of one module. Swift rejects two files with the
/// same name in a module, wherever they are, and a case-insensitive file system
/// merges names that differ only by case; so a name already taken, ignoring
/// case, gets a suffix, then a number. Names are claimed in a fixed order, so
/// the result is deterministic.
struct FileNames {
    private var taken: Set<String> = []

    mutating func claim(_ stem: String, suffix: String) -> String {
        // Each candidate is lower-cased and hashed once: inserting it is the test.
        if taken.insert(stem.lowercased()).inserted { return stem }
        var candidate = stem + suffix
        var number = 2
        while !taken.insert(candidate.lowercased()).inserted {
            candidate = stem + suffix + String(number)
            number += 1
        }
        return candidate
    }
}
