import CWorkerThreads

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread of its own that runs one closure; `join()` waits for it.
///
/// The generator's two uses, reading YAML while building the tree
/// (`EventPipe`) and rendering files on every core (`parallelMap`), each
/// need a thread or two for a few milliseconds: a POSIX thread costs less
/// to start than a pool's, and links nothing more.
package struct WorkerThread {
    private let thread: pthread_t

    /// Starts `body` on a new thread; nil when the system gives no thread,
    /// and the caller then does the work itself. On Linux the thread starts
    /// on a processor other than the caller's, the `(index + 1)`-th one on
    /// from it, so that helpers started together each start on their own
    /// (`worker_thread_create` says why).
    package init?(index: Int = 0, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Darwin)
        var started: pthread_t?
        #else
        var started = pthread_t()
        #endif
        guard
            worker_thread_create(
                &started,
                { context in
                    WorkerThread.run(context)
                    return nil
                }, box, UInt32(truncatingIfNeeded: max(0, index))) == 0
        else {
            Unmanaged<Body>.fromOpaque(box).release()
            return nil
        }
        #if canImport(Darwin)
        guard let started else { return nil }
        #endif
        thread = started
    }

    /// Waits for the closure to return. Call it once.
    package func join() {
        pthread_join(thread, nil)
    }

    /// How many threads can run at once: the processors this process may
    /// use (its affinity mask on Linux, so a container's limit counts), at
    /// least one.
    package static var processorCount: Int {
        Int(worker_thread_usable_processors())
    }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private static func run(_ context: UnsafeMutableRawPointer?) {
        guard let context else { return }
        Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
    }
}
