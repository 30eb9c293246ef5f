@testable import CodeGen
import Testing

struct StronglyConnectedComponentsTests {
    /// Two nodes share a component exactly when each reaches the other,
    /// checked against a plain search on random graphs, sparse and dense.
    @Test(arguments: [(nodes: 12, edges: 10), (nodes: 40, edges: 60), (nodes: 60, edges: 400)])
    func sameComponentMeansMutuallyReachable(size: (nodes: Int, edges: Int)) {
        var generator = SplitMix(seed: UInt64(size.nodes * 1_000 + size.edges))
        var graph = [[Int]](repeating: [], count: size.nodes)
        for _ in 0..<size.edges {
            graph[Int(generator.next() % UInt64(size.nodes))].append(Int(generator.next() % UInt64(size.nodes)))
        }
        let component = stronglyConnectedComponents(of: Array(0..<size.nodes)) { graph[$0] }
        #expect(component.count == size.nodes)
        func reaches(_ start: Int, _ goal: Int) -> Bool {
            var stack = [start]
            var seen = Set<Int>()
            while let node = stack.popLast() {
                if node == goal { return true }
                if seen.insert(node).inserted { stack.append(contentsOf: graph[node]) }
            }
            return false
        }
        for a in 0..<size.nodes {
            for b in 0..<size.nodes {
                #expect((component[a] == component[b]) == (reaches(a, b) && reaches(b, a)), "\(a) and \(b)")
            }
        }
    }

    @Test func selfLoopsAndSinks() {
        let graph = ["a": ["a", "b"], "b": ["c"], "c": ["b"], "d": []]
        let component = stronglyConnectedComponents(of: ["a", "b", "c", "d"]) { graph[$0] ?? [] }
        #expect(component["b"] == component["c"])
        #expect(Set([component["a"], component["b"], component["d"]]).count == 3)
        // Nodes only reached, not listed, get a component too.
        #expect(stronglyConnectedComponents(of: ["a"]) { graph[$0] ?? [] }.count == 3)
    }

    /// A chain and a ring of 200,000 nodes: no recursion to overflow the stack.
    @Test func longChainsDoNotOverflowTheStack() {
        let count = 200_000
        let chain = stronglyConnectedComponents(of: [0]) { $0 + 1 < count ? [$0 + 1] : [] }
        #expect(Set(chain.values).count == count)
        let ring = stronglyConnectedComponents(of: [0]) { [($0 + 1) % count] }
        #expect(ring.count == count && Set(ring.values).count == 1)
    }
}

/// A small deterministic random number generator for the graphs above.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
