@testable import CodeGen
import Testing

struct StronglyConnectedComponentsTests {
    /// Two nodes share a component exactly when each reaches the other,
    /// checked against a plain search on random graphs, sparse and dense.
    @Test(arguments: [(nodes: 12, edges: 10), (nodes: 40, edges: 60), (nodes: 60, edges: 400)])
    func sameComponentMeansMutuallyReachable(size: (nodes: Int, edges: Int)) {
        var generator = SeededGenerator(seed: UInt64(size.nodes * 1_000 + size.edges))
        var graph = [[Int]](repeating: [], count: size.nodes)
        for _ in 0..<size.edges {
            graph[Int.random(in: 0..<size.nodes, using: &generator)].append(Int.random(in: 0..<size.nodes, using: &generator))
        }
        let component = stronglyConnectedComponents(count: size.nodes) { graph[$0] }
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
        // 0 holds itself and leads to 1, which forms a cycle with 2; 3 stands alone.
        let graph = [[0, 1], [2], [1], []]
        let component = stronglyConnectedComponents(count: 4) { graph[$0] }
        #expect(component[1] == component[2])
        #expect(Set([component[0], component[1], component[3]]).count == 3)
    }

    /// A chain and a ring of 200,000 nodes: no recursion to overflow the stack.
    @Test func longChainsDoNotOverflowTheStack() {
        let count = 200_000
        let chain = stronglyConnectedComponents(count: count) { $0 + 1 < count ? [$0 + 1] : [] }
        #expect(Set(chain).count == count)
        let ring = stronglyConnectedComponents(count: count) { [($0 + 1) % count] }
        #expect(Set(ring).count == 1)
    }
}
