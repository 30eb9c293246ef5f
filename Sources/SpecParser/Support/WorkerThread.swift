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
/// The generator's uses, reading YAML while building the tree
/// (`EventPipe`), rendering files on every core (`parallelMap`) and
/// translating half of a spec's schemas or operations, each need a thread
/// for a millisecond or two: a POSIX thread costs less to start than a
/// pool's, and links nothing more.
///
/// `join()` waits for the closure to return, not for the thread to end: the
/// thread is detached, and ending it (the system's part) took 20 to 50 µs
/// after the closure had returned, which a caller waiting on `pthread_join`
/// waited for too.
package struct WorkerThread {
    private let completion: Completion

    /// Starts `body` on a new thread; nil when the system gives no thread,
    /// and the caller then does the work itself. On Linux the thread starts
    /// on a processor other than the caller's, the `(index + 1)`-th one on
    /// from it, so that helpers started together each start on their own
    /// (`worker_thread_create` says why).
    package init?(index: Int = 0, _ body: @escaping @Sendable () -> Void) {
        let completion = Completion()
        let box = Unmanaged.passRetained(Body(body, completion: completion)).toOpaque()
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
        pthread_detach(started)
        self.completion = completion
    }

    /// Waits for the closure to return: looking for up to
    /// ``pollingNanoseconds`` (a wait is usually short, and a sleeper can
    /// wake late, `EventPipe` says why), then asleep. Call it once.
    package func join() {
        completion.wait()
    }

    /// How long a thread that waits for another keeps looking before it
    /// sleeps. Looking costs nothing on a processor that would idle, and the
    /// bound keeps a thread whose partner is stalled from spinning long;
    /// with one processor it sleeps at once.
    private static let pollingNanoseconds = 1_000_000

    /// Whether waiting threads look before they sleep: not when the threads
    /// share one processor, where looking only delays the other.
    private static let polls = processorCount > 1

    /// Returns, holding `lock` as on entry, once `isDone` (read under the
    /// lock) holds. It looks again for up to ``pollingNanoseconds``, with
    /// the lock let go between looks, then sleeps on `changed`, telling
    /// `asleep` when it starts and stops sleeping (so that the other thread
    /// wakes it only then). Whoever makes `isDone` true signals `changed`
    /// under `lock`.
    package static func wait(
        holding lock: UnsafeMutablePointer<pthread_mutex_t>, on changed: UnsafeMutablePointer<pthread_cond_t>,
        asleep: (Bool) -> Void = { _ in }, until isDone: () -> Bool
    ) {
        if polls && !isDone() {
            let deadline = nanoseconds() + pollingNanoseconds
            repeat {
                pthread_mutex_unlock(lock)
                for _ in 0..<64 { worker_thread_pause() }
                pthread_mutex_lock(lock)
            } while !isDone() && nanoseconds() < deadline
        }
        while !isDone() {
            asleep(true)
            pthread_cond_wait(changed, lock)
            asleep(false)
        }
    }

    /// The monotonic clock, in nanoseconds.
    private static func nanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)
    }

    /// How many threads can run at once: the processors this process may
    /// use (its affinity mask on Linux, so a container's limit counts), at
    /// least one.
    package static var processorCount: Int {
        Int(worker_thread_usable_processors())
    }

    private final class Body {
        let run: @Sendable () -> Void
        let completion: Completion
        init(_ run: @escaping @Sendable () -> Void, completion: Completion) {
            self.run = run
            self.completion = completion
        }
    }

    private static func run(_ context: UnsafeMutableRawPointer?) {
        guard let context else { return }
        let completion: Completion
        do {
            let body = Unmanaged<Body>.fromOpaque(context).takeRetainedValue()
            completion = body.completion
            body.run()
        }
        // The closure is released before `join()` returns: a caller may
        // check that it did not escape (`withoutActuallyEscaping` in
        // `parallelMap` traps if it is still held).
        completion.finish()
    }

    /// That a thread's closure has returned, for `join()`. Held by the
    /// thread and by its `WorkerThread`, so that it outlives them both.
    private final class Completion: @unchecked Sendable {
        private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        private var isFinished = false

        init() {
            pthread_mutex_init(lock, nil)
            pthread_cond_init(changed, nil)
        }

        deinit {
            pthread_cond_destroy(changed)
            pthread_mutex_destroy(lock)
            changed.deallocate()
            lock.deallocate()
        }

        func finish() {
            pthread_mutex_lock(lock)
            isFinished = true
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(lock)
        }

        func wait() {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            WorkerThread.wait(holding: lock, on: changed) { isFinished }
        }
    }
}
