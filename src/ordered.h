/* ordered.h - text made in parallel, written in order: chunk i of a long
 * output is formatted on any of several threads while the calling thread
 * writes chunks 0, 1, 2... as they become ready.  The output is the same
 * bytes for any number of threads.  facts.csv (~37 KB a report) is its
 * use: formatting it on one core took longer than reading the reports. */
#ifndef GX_ORDERED_H
#define GX_ORDERED_H

#include <stddef.h>

#include "strbuf.h"

struct gx_ordered_job {
    size_t nchunks;
    /* Appends chunk `i` to `out` (empty when called); may run on any
     * thread, several at once, so it must only read shared data. */
    void (*format)(void *ctx, size_t i, struct gx_strbuf *out);
    /* Takes a formatted chunk, in order, on the calling thread. */
    void (*emit)(void *ctx, const struct gx_strbuf *chunk);
    void *ctx;
};

/* Runs `job` with up to `threads` formatting threads (0 or 1: all on
 * the calling thread, with no thread started).  At most a few chunks per
 * thread are held formatted at a time.  Falls back to fewer threads, or
 * to the calling thread alone, when threads cannot be started. */
void gx_ordered_run(const struct gx_ordered_job *job, unsigned threads);

#endif
