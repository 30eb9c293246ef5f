import Dispatch

extension Array where Element: Sendable {
    /// `map`, with the elements transformed on all cores at once; the
    /// results keep the elements' order, so the output does not depend on
    /// how the work was scheduled. Rendering files and comparing them with
    /// the ones on disk use it: each file is independent of the others.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = ResultSlots(base: buffer.baseAddress!)
            withoutActuallyEscaping(transform) { transform in
                self.withUnsafeBufferPointer { elements in
                    let source = ElementSlots(base: elements.baseAddress!)
                    // Each iteration writes one slot of its own.
                    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                        (results.base + index).initialize(to: transform(source.base[index]))
                    }
                }
            }
            initialized = count
        }
    }
}

/// Pointers handed to `concurrentPerform`'s iterations, which touch
/// disjoint slots only.
private struct ResultSlots<Result>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result>
}

private struct ElementSlots<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
}
