/// The strongly connected components of a directed graph: nodes that reach
/// one another share a component. Tarjan's algorithm, with an explicit stack
/// so that a long chain of types cannot overflow the thread's stack, in time
/// proportional to the nodes and edges.
///
/// Returns a component number for each node of `nodes` and each node reached
/// from them. Only whether two numbers are equal means anything.
func stronglyConnectedComponents<Node: Hashable>(
    of nodes: [Node], successors: (Node) -> [Node]
) -> [Node: Int] {
    var index: [Node: Int] = [:]       // order of discovery
    var lowLink: [Node: Int] = [:]     // lowest discovery index reachable without leaving the stack
    var onStack = Set<Node>()
    var stack: [Node] = []
    var component: [Node: Int] = [:]
    var components = 0

    for root in nodes where index[root] == nil {
        var frames: [SearchFrame<Node>] = []
        func discover(_ node: Node) {
            index[node] = index.count
            lowLink[node] = index[node]
            stack.append(node)
            onStack.insert(node)
            frames.append(SearchFrame(node: node, successors: successors(node)))
        }
        discover(root)
        while !frames.isEmpty {
            let top = frames.count - 1
            let node = frames[top].node
            if frames[top].next < frames[top].successors.count {
                let successor = frames[top].successors[frames[top].next]
                frames[top].next += 1
                if index[successor] == nil {
                    discover(successor)
                } else if onStack.contains(successor) {
                    lowLink[node] = min(lowLink[node]!, index[successor]!)
                }
                continue
            }
            // Every successor is done: `node` closes a component if nothing
            // below it reached further up the stack.
            frames.removeLast()
            if let parent = frames.last?.node {
                lowLink[parent] = min(lowLink[parent]!, lowLink[node]!)
            }
            if lowLink[node] == index[node] {
                while let member = stack.popLast() {
                    onStack.remove(member)
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
private struct SearchFrame<Node> {
    var node: Node
    var successors: [Node]
    var next = 0
}
