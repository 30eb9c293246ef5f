import CYaml

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libyaml's parser on a thread of its own and hands its events over in
/// chunks, so that scanning the text (about two thirds of a read) overlaps
/// building the tree from the events on the calling thread.
///
/// The events come out in the parser's order, and a parse error comes after
/// every event before it, exactly as from a loop over `yaml_parser_parse`;
/// `EventPipeTests` checks that both ways give the same trees and errors.
///
/// Each chunk goes back to the parser's thread once its events are used, and
/// `yaml_event_delete` runs there: libyaml's allocations are freed by the
/// thread that made them.
///
/// A thread that finds nothing to take looks again for a while before it
/// sleeps (``WorkerThread/wait(holding:on:asleep:until:)``). A wait is
/// usually part of one chunk's parse, a few hundred microseconds at most,
/// but a sleeper can wake much later: Linux may wake it on the processor of
/// the thread that woke it, behind that busy thread, while its own
/// processor sits idle. Building the Ideogram spec's tree took 2.04 ms at
/// the median with sleeps, 1.76 ms with looks (BENCHMARKS.md, seventh
/// round).
final class EventPipe: @unchecked Sendable {
    /// A run of events, filled by the parser thread and read by the caller.
    struct Chunk {
        var events: UnsafeMutablePointer<yaml_event_t>
        var count = 0
        /// The parser stopped after these events: at the stream's end, or on an error.
        var isLast = false
        /// The parser failed after these events; its `problem` says why.
        var failed = false
    }

    /// Large enough that the threads meet seldom: each meeting where one
    /// waits costs a sleep and a wake-up in the kernel (a few microseconds,
    /// more when other threads share the cores).
    static let chunkCapacity = 1024
    static let chunkCount = 4

    /// Only the parser thread touches it until `finish()` has joined that thread.
    let parser: UnsafeMutablePointer<yaml_parser_t>
    private var chunks: [Chunk]
    /// Chunks ready for the caller, in order; and chunks the parser may fill.
    private var ready: [Int] = []
    private var free: [Int]
    /// Set by the caller when it stops early (a limit was hit): the parser stops too.
    private var cancelled = false
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread: WorkerThread?
    /// The chunk handed out by `next()` and not yet given back.
    private var lent: Int?
    private var finished = false
    /// Whether a thread sleeps on `changed`: only then does the other wake it.
    private var parserWaits = false
    private var callerWaits = false

    /// Starts parsing `parser` (already given its input) on a new thread.
    /// Returns nil when no thread can be started; the caller then parses on its own.
    init?(parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
        chunks = (0..<Self.chunkCount).map { _ in
            Chunk(events: UnsafeMutablePointer<yaml_event_t>.allocate(capacity: Self.chunkCapacity))
        }
        free = Array(0..<Self.chunkCount)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
        // The thread holds the pipe until it ends.
        guard let started = WorkerThread({ [self] in produce() }) else {
            release()
            return nil
        }
        thread = started
    }

    /// The parser thread's loop: fill a free chunk, publish it, repeat until
    /// the stream ends, the parser fails or the caller cancels.
    private func produce() {
        while let (index, used) = takeFree() {
            var chunk = used
            deleteEvents(of: &chunk)
            while chunk.count < Self.chunkCapacity {
                let event = chunk.events + chunk.count
                guard yaml_parser_parse(parser, event) == 1 else {
                    chunk.isLast = true
                    chunk.failed = true
                    break
                }
                chunk.count += 1
                if event.pointee.type == YAML_STREAM_END_EVENT {
                    chunk.isLast = true
                    break
                }
            }
            let isLast = chunk.isLast
            pthread_mutex_lock(lock)
            chunks[index] = chunk
            ready.append(index)
            if callerWaits { pthread_cond_broadcast(changed) }
            pthread_mutex_unlock(lock)
            if isLast { return }
        }
    }

    /// Waits for a chunk the parser may fill; nil once the caller has cancelled.
    private func takeFree() -> (Int, Chunk)? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        WorkerThread.wait(
            holding: lock, on: changed, asleep: { parserWaits = $0 }, until: { !free.isEmpty || cancelled })
        guard !cancelled else { return nil }
        let index = free.removeFirst()
        return (index, chunks[index])
    }

    /// The next chunk of events, in the parser's order. Gives the previous
    /// one back first, so call it again only when done with that one's events.
    func next() -> Chunk {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let index = lent {
            free.append(index)
            lent = nil
            if parserWaits { pthread_cond_broadcast(changed) }
        }
        WorkerThread.wait(holding: lock, on: changed, asleep: { callerWaits = $0 }, until: { !ready.isEmpty })
        let index = ready.removeFirst()
        lent = index
        return chunks[index]
    }

    /// Stops the parser thread (if it still runs), waits for it, and frees
    /// every event and buffer. The parser's state may be read afterwards.
    /// Calls after the first do nothing.
    func finish() {
        guard !finished else { return }
        finished = true
        pthread_mutex_lock(lock)
        cancelled = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
        thread?.join()
        thread = nil
        release()
    }

    private func release() {
        for index in chunks.indices {
            deleteEvents(of: &chunks[index])
            chunks[index].events.deallocate()
        }
        chunks = []
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    private func deleteEvents(of chunk: inout Chunk) {
        for offset in 0..<chunk.count {
            yaml_event_delete(chunk.events + offset)
        }
        chunk = Chunk(events: chunk.events)
    }
}
