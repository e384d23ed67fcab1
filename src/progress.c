#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* Often enough to look alive, rarely enough to cost nothing. */
#define REDRAW_NS (200 * 1000 * 1000L)

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "1m05s", "2h03m", "12s" into buf. */
static void duration(double seconds, char *buf, size_t size)
{
    long s = seconds < 0 ? 0 : (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, size, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else if (s >= 60)
        snprintf(buf, size, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(buf, size, "%lds", s);
}

static void draw(struct gx_progress *p)
{
    size_t done = atomic_load(&p->done);
    double dt = now_seconds() - p->t0;
    double rate = dt > 0 ? (double)done / dt : 0;
    char eta[32] = "?";
    if (rate > 0) duration((double)(p->total - done) / rate, eta,
                                       sizeof(eta));
    /* \r and erase-to-end: the line is redrawn in place. */
    fprintf(stderr, "\rgairx: %zu/%zu files, %.1f files/s, ETA %s\033[K",
            done, p->total, rate, eta);
    fflush(stderr);
}

static void *run(void *arg)
{
    struct gx_progress *p = arg;
    struct timespec pause = {0, REDRAW_NS};
    while (!atomic_load(&p->stop)) {
        draw(p);
        nanosleep(&pause, NULL);
    }
    return NULL;
}

void gx_progress_start(struct gx_progress *p, size_t total, int enabled)
{
    p->shown = 0;
    p->total = total;
    p->t0 = now_seconds();
    atomic_init(&p->done, 0);
    atomic_init(&p->stop, 0);
    if (!enabled || !isatty(STDERR_FILENO)) return;
    p->shown = pthread_create(&p->thread, NULL, run, p) == 0;
}

void gx_progress_tick(struct gx_progress *p)
{
    atomic_fetch_add(&p->done, 1);
}

void gx_progress_say(const struct gx_progress *p, const char *line)
{
    /* One call, so that the thread's redraw cannot fall inside it. */
    fprintf(stderr, "%s%s", p->shown ? "\r\033[K" : "", line);
}

void gx_progress_stop(struct gx_progress *p)
{
    if (!p->shown) return;
    atomic_store(&p->stop, 1);
    pthread_join(p->thread, NULL);
    draw(p);
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = 0;
}
