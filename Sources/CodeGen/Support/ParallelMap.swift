import SpecParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Array where Element: Sendable {
    /// `map`, with the elements transformed on all cores at once; the
    /// results keep the elements' order, so the output does not depend on
    /// how the work was scheduled. Rendering files and comparing them with
    /// the ones on disk use it: each file is independent of the others.
    ///
    /// The calling thread and one ``WorkerThread`` per other core each take
    /// the next run of elements until none is left.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let helpers = Swift.min(WorkerThread.processorCount, count) - 1
        guard helpers > 0 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = ResultSlots(base: buffer.baseAddress!)
            withoutActuallyEscaping(transform) { transform in
                self.withUnsafeBufferPointer { elements in
                    let source = ElementSlots(base: elements.baseAddress!)
                    // A few hundred takes in all, whatever the count: one element
                    // at a time for the few files of a small spec, runs of them
                    // for the tens of thousands of a large one.
                    let counter = SharedCounter(
                        limit: elements.count, step: Swift.max(1, elements.count / ((helpers + 1) * 128)))
                    // Each index is taken once, so each slot is written by one thread.
                    let work: @Sendable () -> Void = {
                        while let range = counter.next() {
                            for index in range {
                                (results.base + index).initialize(to: transform(source.base[index]))
                            }
                        }
                    }
                    let threads = (0..<helpers).compactMap { WorkerThread(index: $0, work) }
                    work()
                    for thread in threads { thread.join() }
                }
            }
            initialized = count
        }
    }
}

/// Hands out 0..<limit in runs of `step` numbers, each number once, to any thread.
private final class SharedCounter: @unchecked Sendable {
    private let limit: Int
    private let step: Int
    private var value = 0
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init(limit: Int, step: Int) {
        self.limit = limit
        self.step = step
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func next() -> Range<Int>? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard value < limit else { return nil }
        let start = value
        value = Swift.min(limit, value + step)
        return start..<value
    }
}

/// Pointers shared by the threads of `parallelMap`, which touch disjoint slots only.
private struct ResultSlots<Result>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result>
}

private struct ElementSlots<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
}
