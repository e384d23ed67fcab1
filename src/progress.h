/* progress.h - the progress line of a batch on stderr ("gairx: 120/10000
 * files, 35.2 files/s, ETA 4m41s"), redrawn in place by a thread of its
 * own while the workers read.  Shown only when stderr is a terminal, so
 * cron mail and redirected logs never hold it. */
#ifndef GX_PROGRESS_H
#define GX_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct gx_progress {
    int shown;                  /* the thread runs */
    size_t total;
    atomic_size_t done;
    atomic_int stop;
    double t0;
    pthread_t thread;
};

/* Starts showing progress over `total` files when `enabled` and stderr is
 * a terminal; otherwise ticks are merely counted. */
void gx_progress_start(struct gx_progress *p, size_t total, int enabled);
/* One file done; safe from any thread. */
void gx_progress_tick(struct gx_progress *p);
/* Prints `line` (ending in a newline) on stderr while the batch runs:
 * over the progress line when it is shown, which the thread redraws
 * below it. */
void gx_progress_say(const struct gx_progress *p, const char *line);
/* Stops the thread and clears the line, so the next message starts at
 * the left margin. */
void gx_progress_stop(struct gx_progress *p);

#endif
