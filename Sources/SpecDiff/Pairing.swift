/// One way of recognizing an item of OLD in NEW: items with the same key
/// are the same item, if `accepts` agrees.
struct PairingRule<Item> {
    var key: (Item) -> String?
    var accepts: (_ old: Item, _ new: Item) -> Bool = { _, _ in true }
}

/// Pairs the items of NEW with those of OLD, one to one: each rule in turn
/// pairs what the rules before it left, each item with the first of the
/// others, in order, that has its key. Strict rules go first, so that two
/// items a looser rule cannot tell apart (`x-api-key` and `X-Api-Key`, or
/// `/pets/{id}` and `/pets/{petId}`) each find themselves before either is
/// paired with the other.
///
/// Returns, for each paired item of NEW (by index), its item of OLD (by index).
func pairOneToOne<Item>(_ old: [Item], _ new: [Item], by rules: [PairingRule<Item>]) -> [Int: Int] {
    var pairs: [Int: Int] = [:]
    var taken = Set<Int>()
    for rule in rules {
        // The unpaired items of OLD by key, last first, so that the last
        // acceptable one of a list is the first in order.
        var available: [String: [Int]] = [:]
        for index in old.indices.reversed() where !taken.contains(index) {
            if let key = rule.key(old[index]) { available[key, default: []].append(index) }
        }
        for index in new.indices where pairs[index] == nil {
            guard let key = rule.key(new[index]),
                let position = available[key]?.lastIndex(where: { rule.accepts(old[$0], new[index]) }),
                let match = available[key]?.remove(at: position)
            else { continue }
            pairs[index] = match
            taken.insert(match)
        }
    }
    return pairs
}
