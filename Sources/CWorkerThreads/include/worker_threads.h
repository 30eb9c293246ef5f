#ifndef WORKER_THREADS_H
#define WORKER_THREADS_H

// What the generator's helper threads (SpecParser's `WorkerThread` and
// `EventPipe`) need from the system that Swift cannot call: the GNU thread
// placement functions, and the processor's spin-wait hint.

#include <pthread.h>

/// Starts `routine(context)` on a new thread, like `pthread_create`. On
/// Linux with glibc the thread starts on a processor other than the
/// caller's (the `(index + 1)`-th one the process may use, counting on from
/// the caller's), and once running it may move to any of them again.
///
/// Why: a thread that a busy thread creates can wait milliseconds to run.
/// Linux may queue it on its creator's processor while another one sits
/// idle, and the idle one takes it over only at its next balancing tick.
/// The generator's helpers live for a millisecond or two, so that wait cost
/// as much as their work (BENCHMARKS.md, seventh round).
///
/// Elsewhere, or when the processors cannot be read or the placement is
/// refused, the thread starts as `pthread_create` starts it. Returns
/// `pthread_create`'s result.
int worker_thread_create(pthread_t *thread, void *(*routine)(void *), void *context, unsigned index);

/// How many processors this process may run on: those of its affinity mask
/// on Linux (a container or `taskset` may allow fewer than are online), the
/// online ones elsewhere; at least one.
int worker_thread_usable_processors(void);

/// Tells the processor that this thread is waiting in a loop for another
/// (x86 `pause`, Arm `yield`), which saves power and lets a sibling
/// hyperthread run; nothing elsewhere.
static inline void worker_thread_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield");
#endif
}

#endif
