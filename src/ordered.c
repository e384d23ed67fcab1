#include "ordered.h"

#include <pthread.h>
#include <stdlib.h>

#include "util.h"

/* How many chunks each thread may have formatted ahead of the writer:
 * enough that a thread rarely waits, few enough to bound the memory. */
enum { SLOTS_PER_THREAD = 3 };

struct slot {
    struct gx_strbuf text;
    int ready;              /* formatted, not yet emitted */
};

/* Chunk i is formatted into slots[i % nslots], which is free once chunk
 * i - nslots has been emitted: so a chunk may be claimed only while
 * i < next_emit + nslots. */
struct run {
    const struct gx_ordered_job *job;
    struct slot *slots;
    size_t nslots;
    size_t next_claim;      /* the next chunk a thread may format */
    size_t next_emit;       /* the next chunk the writer waits for */
    pthread_mutex_t mu;
    pthread_cond_t changed;
};

static void *format_worker(void *arg)
{
    struct run *r = arg;
    size_t n = r->job->nchunks;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (r->next_claim < n && r->next_claim >= r->next_emit + r->nslots)
            pthread_cond_wait(&r->changed, &r->mu);
        if (r->next_claim >= n) {
            pthread_mutex_unlock(&r->mu);
            return NULL;
        }
        size_t i = r->next_claim++;
        pthread_mutex_unlock(&r->mu);

        struct slot *s = &r->slots[i % r->nslots];
        gx_strbuf_reset(&s->text);
        r->job->format(r->job->ctx, i, &s->text);

        pthread_mutex_lock(&r->mu);
        s->ready = 1;
        pthread_cond_broadcast(&r->changed);
        pthread_mutex_unlock(&r->mu);
    }
}

static void emit_in_order(struct run *r)
{
    for (size_t i = 0; i < r->job->nchunks; i++) {
        struct slot *s = &r->slots[i % r->nslots];
        pthread_mutex_lock(&r->mu);
        while (!s->ready) pthread_cond_wait(&r->changed, &r->mu);
        pthread_mutex_unlock(&r->mu);

        r->job->emit(r->job->ctx, &s->text);

        pthread_mutex_lock(&r->mu);
        s->ready = 0;
        r->next_emit = i + 1;
        pthread_cond_broadcast(&r->changed);
        pthread_mutex_unlock(&r->mu);
    }
}

static void run_here(const struct gx_ordered_job *job)
{
    struct gx_strbuf text = GX_STRBUF_INIT;
    for (size_t i = 0; i < job->nchunks; i++) {
        gx_strbuf_reset(&text);
        job->format(job->ctx, i, &text);
        job->emit(job->ctx, &text);
    }
    gx_strbuf_release(&text);
}

void gx_ordered_run(const struct gx_ordered_job *job, unsigned threads)
{
    if (threads > job->nchunks) threads = (unsigned)job->nchunks;
    if (threads <= 1) {
        run_here(job);
        return;
    }
    struct run r = {.job = job, .nslots = (size_t)threads * SLOTS_PER_THREAD};
    r.slots = gx_xcalloc(r.nslots, sizeof(*r.slots));
    for (size_t k = 0; k < r.nslots; k++) gx_strbuf_init(&r.slots[k].text);
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.changed, NULL);

    pthread_t *tid = gx_xcalloc(threads, sizeof(*tid));
    unsigned started = 0;
    while (started < threads &&
           pthread_create(&tid[started], NULL, format_worker, &r) == 0)
        started++;
    if (started) emit_in_order(&r);
    for (unsigned t = 0; t < started; t++) pthread_join(tid[t], NULL);

    free(tid);
    pthread_cond_destroy(&r.changed);
    pthread_mutex_destroy(&r.mu);
    for (size_t k = 0; k < r.nslots; k++) gx_strbuf_release(&r.slots[k].text);
    free(r.slots);
    if (!started) run_here(job);
}
