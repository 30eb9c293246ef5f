/// The strongly connected components of a directed graph of `count` nodes,
/// numbered from 0: nodes that reach one another share a component. Tarjan's
/// algorithm, with an explicit stack so that a long chain of types cannot
/// overflow the thread's stack, in time proportional to the nodes and edges.
///
/// Returns a component number for each node. Only whether two numbers are
/// equal means anything.
func stronglyConnectedComponents(count: Int, successors: (Int) -> [Int]) -> [Int] {
    let undiscovered = -1
    var index = [Int](repeating: undiscovered, count: count)  // order of discovery
    var lowLink = [Int](repeating: 0, count: count)  // lowest discovery index reachable without leaving the stack
    var onStack = [Bool](repeating: false, count: count)
    var stack: [Int] = []
    var component = [Int](repeating: 0, count: count)
    var discovered = 0
    var components = 0
    var frames: [SearchFrame] = []

    func discover(_ node: Int) {
        index[node] = discovered
        lowLink[node] = discovered
        discovered += 1
        stack.append(node)
        onStack[node] = true
        frames.append(SearchFrame(node: node, successors: successors(node)))
    }

    for root in 0..<count where index[root] == undiscovered {
        discover(root)
        while let top = frames.indices.last {
            let node = frames[top].node
            if frames[top].next < frames[top].successors.count {
                let successor = frames[top].successors[frames[top].next]
                frames[top].next += 1
                if index[successor] == undiscovered {
                    discover(successor)
                } else if onStack[successor] {
                    lowLink[node] = min(lowLink[node], index[successor])
                }
                continue
            }
            // Every successor is done: `node` closes a component if nothing
            // below it reached further up the stack.
            frames.removeLast()
            if let parent = frames.last?.node {
                lowLink[parent] = min(lowLink[parent], lowLink[node])
            }
            if lowLink[node] == index[node] {
                while let member = stack.popLast() {
                    onStack[member] = false
                    component[member] = components
                    if member == node { break }
                }
                components += 1
            }
        }
    }
    return component
}

/// A node being explored, with its successors and how many are done.
private struct SearchFrame {
    var node: Int
    var successors: [Int]
    var next = 0
}
