#if defined(__linux__)
#define _GNU_SOURCE
#endif

#include "worker_threads.h"

#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__linux__) && defined(__GLIBC__)
#define PLACES_THREADS 1
#else
#define PLACES_THREADS 0
#endif

#if PLACES_THREADS

/// What a placed thread runs first: its routine, and the processors it may
/// move to once started.
struct placed_start {
    void *(*routine)(void *);
    void *context;
    cpu_set_t allowed;
};

static void *placed_start_run(void *argument) {
    struct placed_start start = *(struct placed_start *)argument;
    free(argument);
    // Free to move again; a refusal leaves it where it is, which is harmless.
    (void)sched_setaffinity(0, sizeof start.allowed, &start.allowed);
    return start.routine(start.context);
}

/// The processor `index + 1` places on from `current` among those in
/// `allowed`, going round; -1 when `allowed` holds no other processor.
static int other_processor(const cpu_set_t *allowed, int current, unsigned index) {
    int count = CPU_COUNT(allowed);
    if (count < 2) return -1;
    unsigned steps = index % (unsigned)(count - 1) + 1;
    for (int offset = 1; offset < CPU_SETSIZE; offset++) {
        int cpu = (current + offset) % CPU_SETSIZE;
        if (CPU_ISSET(cpu, allowed) && --steps == 0) return cpu;
    }
    return -1;
}

/// Starts the thread on a processor other than the caller's; nonzero when
/// it could not, and nothing was started.
static int create_elsewhere(pthread_t *thread, void *(*routine)(void *), void *context, unsigned index) {
    int current = sched_getcpu();
    if (current < 0) return -1;
    struct placed_start *start = malloc(sizeof *start);
    if (start == NULL) return -1;
    start->routine = routine;
    start->context = context;
    int result = -1;
    pthread_attr_t attributes;
    if (sched_getaffinity(0, sizeof start->allowed, &start->allowed) == 0 && pthread_attr_init(&attributes) == 0) {
        int cpu = other_processor(&start->allowed, current, index);
        if (cpu >= 0) {
            cpu_set_t first;
            CPU_ZERO(&first);
            CPU_SET(cpu, &first);
            if (pthread_attr_setaffinity_np(&attributes, sizeof first, &first) == 0) {
                result = pthread_create(thread, &attributes, placed_start_run, start);
            }
        }
        pthread_attr_destroy(&attributes);
    }
    // Once started, the thread owns `start`.
    if (result != 0) free(start);
    return result;
}

#endif

int worker_thread_create(pthread_t *thread, void *(*routine)(void *), void *context, unsigned index) {
#if PLACES_THREADS
    if (create_elsewhere(thread, routine, context, index) == 0) return 0;
#else
    (void)index;
#endif
    return pthread_create(thread, NULL, routine, context);
}

int worker_thread_usable_processors(void) {
#if PLACES_THREADS
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        int count = CPU_COUNT(&allowed);
        if (count > 0) return count;
    }
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int)online : 1;
}

