/*
 * pymalloc_driver.c - the "real" side of `pnpm bench`: replays a recorded event
 * stream through the interpreter's own PyObject_Malloc / PyObject_Calloc /
 * PyObject_Realloc / PyObject_Free, so the model's events per second can be put
 * beside real pymalloc's on the very same events.
 *
 * Input (argv[1]): a little-endian file of fixed 16-byte records
 *     u8 op (2 malloc, 3 calloc, 4 realloc, 5 free), u8 pad[3],
 *     u32 size, u32 slot, u32 new_slot
 * where "slot" numbers the live blocks of the recording, so a block is found by
 * array index (no hashing in the timed loop). argv[2]: repetitions (default 5).
 * Output: one JSON line {"events":N,"best_seconds":S,"events_per_second":E}.
 *
 * Every repetition starts with every slot empty and ends by freeing whatever is
 * still live (not timed), so repetitions see the same allocator history.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct record {
    uint8_t op, pad[3];
    uint32_t size, slot, new_slot;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: pymalloc_driver EVENTS.bin [REPETITIONS]\n");
        return 64;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 66;
    }
    fseek(in, 0, SEEK_END);
    long bytes = ftell(in);
    fseek(in, 0, SEEK_SET);
    size_t n = (size_t)bytes / sizeof(struct record);
    struct record *events = malloc(n * sizeof *events);
    if (fread(events, sizeof *events, n, in) != n) {
        fprintf(stderr, "%s: short read\n", argv[1]);
        return 66;
    }
    fclose(in);
    uint32_t slots = 0;
    for (size_t i = 0; i < n; i++) {
        if (events[i].slot >= slots) slots = events[i].slot + 1;
        if (events[i].new_slot >= slots) slots = events[i].new_slot + 1;
    }
    void **live = calloc(slots ? slots : 1, sizeof *live);

    Py_Initialize(); /* 3.12+: pymalloc's state belongs to the interpreter */
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double start = now();
        for (size_t i = 0; i < n; i++) {
            const struct record *e = &events[i];
            switch (e->op) {
            case 2: live[e->slot] = PyObject_Malloc(e->size); break;
            case 3: live[e->slot] = PyObject_Calloc(1, e->size); break;
            case 4: {
                void *p = PyObject_Realloc(live[e->slot], e->size);
                live[e->slot] = NULL;
                live[e->new_slot] = p;
                break;
            }
            default: PyObject_Free(live[e->slot]); live[e->slot] = NULL;
            }
        }
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
        for (uint32_t s = 0; s < slots; s++) {
            PyObject_Free(live[s]);
            live[s] = NULL;
        }
    }
    Py_Finalize();
    printf("{\"events\":%zu,\"best_seconds\":%.6f,\"events_per_second\":%.0f}\n", n, best, n / best);
    return 0;
}
