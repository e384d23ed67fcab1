#include "run.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "baseline.h"
#include "changes.h"
#include "check.h"
#include "crosscheck.h"
#include "csvout.h"
#include "doc.h"
#include "extract.h"
#include "guard.h"
#include "meta.h"
#include "narrative.h"
#include "outname.h"
#include "progress.h"
#include "reader.h"
#include "region.h"
#include "region_map.h"
#include "section.h"
#include "split.h"
#include "strbuf.h"
#include "util.h"
#include "walk.h"
#include "xlsx.h"

#ifndef GX_DATADIR
#define GX_DATADIR "/usr/local/share/gairx"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --templates, else $GAIRX_TEMPLATES, else templates/ beside the binary
 * (a build tree), else ../share/gairx/templates from the binary (an
 * install, also one staged under DESTDIR or moved), else the copy at the
 * configured prefix. */
static char *templates_dir(const char *given)
{
    char exe[PATH_MAX];
    const char *env = getenv("GAIRX_TEMPLATES");
    if (given) return gx_xstrdup(given);
    if (env && *env) return gx_xstrdup(env);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            struct gx_strbuf p = GX_STRBUF_INIT;
            gx_strbuf_add(&p, exe, (size_t)(slash - exe));
            gx_strbuf_adds(&p, "/templates");
            if (is_dir(p.buf)) return gx_strbuf_detach(&p, NULL);
            gx_strbuf_reset(&p);
            gx_strbuf_add(&p, exe, (size_t)(slash - exe));
            gx_strbuf_adds(&p, "/../share/gairx/templates");
            if (is_dir(p.buf)) return gx_strbuf_detach(&p, NULL);
            gx_strbuf_release(&p);
        }
    }
    return gx_xstrdup(GX_DATADIR "/templates");
}

struct gx_report *gx_process_file(const struct gx_templates *tpl,
                                  const struct gx_read_opts *ropts,
                                  const char *path, const char *relpath,
                                  int kind)
{
    struct gx_report *r = gx_report_new(path, relpath);
    struct gx_doc doc;
    struct stat st;
    snprintf(r->kind, sizeof(r->kind), "%s", gx_input_kind_name(kind));
    if (stat(path, &st) == 0) {
        r->size = (long long)st.st_size;
        r->mtime = (long long)st.st_mtime;
    }
    gx_doc_init(&doc);
    struct gx_diag d = {0};
    if (gx_read_file(path, (enum gx_input_kind)kind, ropts, &doc, &d) != GX_OK) {
        gx_report_fail(r, d.status, d.message);
    } else {
        memcpy(r->encoding, doc.encoding, sizeof(r->encoding));
        gx_meta_read(&doc, r);
        struct gx_sections sections;
        gx_sections_locate(tpl, &doc, &sections);
        if (gx_extract(tpl, &doc, &sections, r) == 0)
            gx_report_fail(r, GX_ERR_NOT_REPORT,
                           "none of the tables 表二, 表三, 表四 found");
        else {
            gx_check_report(tpl, r);
            gx_narrative_check(&doc, &sections, r);
            gx_report_trim(r);   /* the findings are complete */
        }
        gx_sections_release(&sections);
    }
    gx_doc_release(&doc);
    return r;
}

/* Files are handed out one at a time to the workers; each report lands in
 * its walk slot, so the output does not depend on the number of workers. */
struct batch {
    const struct gx_templates *tpl;
    const struct gx_read_opts *ropts;
    const struct gx_walk *w;
    struct gx_report **reports;
    atomic_size_t next;
    struct gx_progress *progress;
    int verbose;
    /* What became of each file is said in walk order as soon as it and
     * every file before it are done: a log shows a slow file while the
     * batch runs, and the same lines for any -j. */
    pthread_mutex_t say_lock;
    unsigned char *done;    /* per file: its report is complete */
    size_t said;            /* files [0, said) have been said */
};

/* A file that could not be read, always; with -v, one that was. */
static void say_file(const struct batch *b, size_t i)
{
    const struct gx_report *r = b->reports[i];
    if (r->status == GX_OK && !b->verbose) return;
    struct gx_strbuf line = GX_STRBUF_INIT;
    gx_strbuf_adds(&line, "gairx: ");
    gx_strbuf_adds(&line, b->w->items[i].path);
    gx_strbuf_adds(&line, ": ");
    if (r->status != GX_OK) {
        gx_strbuf_adds(&line, r->reason);
    } else {
        char counts[96];
        snprintf(counts, sizeof(counts), " %d, %zu cells, %zu findings",
                 r->year, r->nfacts, r->nfindings);
        gx_strbuf_adds(&line, r->agency ? r->agency : "(no agency)");
        gx_strbuf_adds(&line, counts);
    }
    gx_strbuf_addch(&line, '\n');
    gx_progress_say(b->progress, line.buf);
    gx_strbuf_release(&line);
}

static void file_done(struct batch *b, size_t i)
{
    gx_progress_tick(b->progress);
    pthread_mutex_lock(&b->say_lock);
    b->done[i] = 1;
    while (b->said < b->w->n && b->done[b->said]) say_file(b, b->said++);
    pthread_mutex_unlock(&b->say_lock);
}

static void *read_worker(void *arg)
{
    struct batch *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->w->n) return NULL;
        const struct gx_input *in = &b->w->items[i];
        if (in->status != GX_OK) {
            b->reports[i] = gx_report_new(in->path, in->relpath);
            gx_report_fail(b->reports[i], in->status, in->error);
            snprintf(b->reports[i]->kind, sizeof(b->reports[i]->kind), "%s",
                     gx_input_kind_name(in->kind));
        } else {
            b->reports[i] = gx_process_file(b->tpl, b->ropts, in->path,
                                            in->relpath, in->kind);
        }
        file_done(b, i);
    }
}

static unsigned worker_count(unsigned jobs, size_t nfiles)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned n = jobs ? jobs : (cores > 0 ? (unsigned)cores : 1);
    return nfiles < n ? (unsigned)(nfiles ? nfiles : 1) : n;
}

static void read_parallel(struct batch *b, unsigned jobs)
{
    unsigned n = worker_count(jobs, b->w->n), started = 0;
    pthread_t *threads = gx_xcalloc(n, sizeof(*threads));
    for (unsigned t = 1; t < n; t++)
        if (pthread_create(&threads[t], NULL, read_worker, b) == 0) started = t;
        else break;
    read_worker(b);   /* the main thread works too */
    for (unsigned t = 1; t <= started; t++) pthread_join(threads[t], NULL);
    free(threads);
}

static size_t read_all(const struct gx_templates *tpl, const struct gx_walk *w,
                       struct gx_report **reports, const struct gx_options *o)
{
    struct gx_progress progress;
    struct batch b = {.tpl = tpl, .ropts = &o->read, .w = w,
                      .reports = reports, .progress = &progress,
                      .verbose = o->verbose};
    size_t failed = 0;
    atomic_init(&b.next, 0);
    pthread_mutex_init(&b.say_lock, NULL);
    b.done = gx_xcalloc(w->n ? w->n : 1, 1);
    gx_progress_start(&progress, w->n, !o->quiet);
    read_parallel(&b, o->jobs);
    gx_progress_stop(&progress);
    free(b.done);
    pthread_mutex_destroy(&b.say_lock);
    for (size_t i = 0; i < w->n; i++)
        if (reports[i]->status != GX_OK) failed++;
    return failed;
}

/* The gazetteer beside the templates; without it regions stay empty. */
static struct gx_regions *load_regions(const char *dir)
{
    struct gx_diag d = {0};
    struct gx_strbuf p = GX_STRBUF_INIT;
    gx_strbuf_adds(&p, dir);
    gx_strbuf_adds(&p, "/regions.tab");
    struct gx_regions *g = gx_regions_load(p.buf, &d);
    if (!g) fprintf(stderr, "gairx: %s\n", d.message);
    gx_strbuf_release(&p);
    return g;
}

static void walk_inputs(const struct gx_options *o, struct gx_walk *w)
{
    for (size_t i = 0; i < o->npaths; i++) gx_walk_add(w, o->paths[i]);
}

/* Seconds per stage, for --stats. */
struct stage_times {
    double walk, read, regions, csv, xlsx;  /* regions: crosschecks too */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Returns the seconds since *t0 and restarts the clock. */
static double lap(double *t0)
{
    double t = now_seconds(), d = t - *t0;
    *t0 = t;
    return d;
}

static void print_stats(const struct stage_times *st, size_t files)
{
    double total = st->walk + st->read + st->regions + st->csv + st->xlsx;
    fprintf(stderr,
            "gairx: stats: walk %.3fs, read+extract+check %.3fs, "
            "regions %.3fs, csv %.3fs, xlsx %.3fs, total %.3fs, "
            "%.0f files/s\n",
            st->walk, st->read, st->regions, st->csv, st->xlsx, total,
            total > 0 ? (double)files / total : 0.0);
}

/* What every workbook of the batch shares. */
struct outputs {
    const struct gx_options *o;
    const struct gx_templates *tpl;
    const struct gx_regions *regions;
    const struct gx_xrefs *xrefs;
    struct gx_report **reports;
    size_t n;
    const struct gx_changes *changes;   /* --baseline, else NULL */
};

static int write_workbook(const struct outputs *out, const char *path,
                          struct gx_report *const *reports, size_t n,
                          const char *input, const struct gx_changes *changes)
{
    struct gx_diag d = {0};
    struct gx_xlsx_opts xo = {input, out->regions, out->xrefs, changes,
                              out->o->baseline};
    if (gx_xlsx_write_opts(path, out->tpl, reports, n, &xo, &d) == GX_OK)
        return 0;
    fprintf(stderr, "gairx: %s\n", d.message);
    return GX_EXIT_NO_OUTPUT;
}

/* One workbook, or one per division with --split-by; returns 0 or an
 * exit status.  *written counts the workbooks. */
static int write_workbooks(const struct outputs *out, size_t *written)
{
    const struct gx_options *o = out->o;
    struct gx_strbuf in = GX_STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < o->npaths; i++) {
        if (i) gx_strbuf_addch(&in, ' ');
        gx_strbuf_adds(&in, o->paths[i]);
    }
    if (!o->split) {
        rc = write_workbook(out, o->xlsx, out->reports, out->n, in.buf,
                            out->changes);
        *written = !rc;
    } else {
        struct gx_split sp;
        gx_split_reports(out->regions, (int)o->split, o->xlsx, out->reports,
                         out->n, &sp);
        for (size_t i = 0; i < sp.n; i++) {
            struct gx_changes view;
            if (out->changes)
                gx_split_changes(out->regions, (int)o->split, &sp.v[i],
                                 out->changes, &view);
            int r = write_workbook(out, sp.v[i].path, sp.v[i].reports,
                                   sp.v[i].n, in.buf,
                                   out->changes ? &view : NULL);
            if (out->changes) free(view.gone);
            if (r) rc = r;
            else ++*written;
        }
        gx_split_release(&sp);
    }
    gx_strbuf_release(&in);
    return rc;
}

static int write_outputs(const struct outputs *out, struct stage_times *st,
                         size_t *written, int *csv_ok)
{
    struct gx_diag d = {0};
    int rc = 0;
    double t0 = now_seconds();
    if (out->o->csv_dir &&
        gx_csv_write(out->o->csv_dir, out->reports, out->n,
                     worker_count(out->o->jobs, out->n), &d) != GX_OK) {
        fprintf(stderr, "gairx: %s\n", d.message);
        rc = GX_EXIT_NO_OUTPUT;
    }
    *csv_ok = !rc;
    st->csv = lap(&t0);
    if (out->o->xlsx) {
        int r = write_workbooks(out, written);
        if (r) rc = r;
    }
    st->xlsx = lap(&t0);
    return rc;
}

static size_t count_findings(struct gx_report *const *reports, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += reports[i]->nfindings;
    return k;
}

/* The run's last line: what was read, found and written. */
static void print_done(const struct gx_options *o, size_t files,
                       size_t failed, size_t findings, size_t written,
                       int csv_ok)
{
    fprintf(stderr, "gairx: %zu files, %zu reports read, %zu not read, "
            "%zu findings", files, files - failed, failed, findings);
    if (o->xlsx && o->split)
        fprintf(stderr, ", wrote %zu workbooks as %s", written, o->xlsx);
    else if (o->xlsx && written)
        fprintf(stderr, ", wrote %s", o->xlsx);
    if (o->csv_dir && csv_ok)
        fprintf(stderr, "%s %s/", o->xlsx && written ? " and" : ", wrote",
                o->csv_dir);
    fputc('\n', stderr);
}

/* --strict: does any report hold an error (差错) or a doubt (存疑)? */
static int has_strict_findings(struct gx_report *const *reports, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < reports[i]->nfindings; k++) {
            enum gx_finding_kind kind = reports[i]->findings[k].kind;
            if (kind == GX_FIND_ERROR || kind == GX_FIND_DOUBT) return 1;
        }
    return 0;
}

static void print_changes(const struct gx_options *o,
                          const struct gx_changes *c)
{
    fprintf(stderr, "gairx: since %s: %zu reports new, %zu gone, %zu moved, "
            "%zu values changed\n", o->baseline, c->nadded, c->ngone,
            c->nmoved, c->n);
}

/* Reads, checks and writes the batch; returns the exit status. */
static int run_batch(const struct gx_options *opts, const struct gx_templates *tpl,
                     const struct gx_regions *regions,
                     const struct gx_region_map *map,
                     const struct gx_baseline *baseline)
{
    struct gx_changes changes = {0};
    int csv_ok = 0;
    struct stage_times st = {0};
    struct gx_walk w;
    struct gx_xrefs xrefs = {0};
    size_t written = 0;
    double t0 = now_seconds();
    gx_walk_init(&w);
    walk_inputs(opts, &w);
    st.walk = lap(&t0);
    struct gx_report **reports = gx_xcalloc(w.n ? w.n : 1, sizeof(*reports));
    size_t failed = read_all(tpl, &w, reports, opts);
    st.read = lap(&t0);
    gx_region_map_apply(map, reports, w.n);   /* --regions before inference */
    gx_regions_assign(regions, reports, w.n);
    gx_crosscheck(tpl, reports, w.n, &xrefs);
    st.regions = lap(&t0);
    if (baseline) gx_changes_compare(baseline, reports, w.n, &changes);
    struct outputs out = {opts, tpl, regions, &xrefs, reports, w.n,
                          baseline ? &changes : NULL};
    int rc = write_outputs(&out, &st, &written, &csv_ok);
    if (!rc && !failed && opts->strict && has_strict_findings(reports, w.n))
        rc = GX_EXIT_FINDINGS;
    if (baseline && !opts->quiet) print_changes(opts, &changes);
    if (!opts->quiet)
        print_done(opts, w.n, failed, count_findings(reports, w.n), written,
                   csv_ok);
    if (opts->stats || opts->verbose) print_stats(&st, w.n);
    gx_changes_release(&changes);
    for (size_t i = 0; i < w.n; i++) gx_report_free(reports[i]);
    free(reports);
    gx_xrefs_release(&xrefs);
    gx_walk_release(&w);
    if (rc) return rc;
    return failed ? GX_EXIT_SOME_FAILED : GX_EXIT_OK;
}

/* --regions, read before any report: a bad file is a usage error. */
static int load_map(const struct gx_options *opts,
                    const struct gx_regions *regions,
                    struct gx_region_map **map)
{
    struct gx_diag d = {0};
    *map = NULL;
    if (!opts->regions) return 0;
    *map = gx_region_map_load(opts->regions, regions, &d);
    if (*map) return 0;
    fprintf(stderr, "gairx: %s\n", d.message);
    return GX_EXIT_USAGE;
}

/* -o and --csv with their strftime conversions expanded into `o` (a copy
 * of opts); *xlsx and *csv own the new names.  A name too long is a
 * usage error. */
static int expand_names(const struct gx_options *opts, struct gx_options *o,
                        char **xlsx, char **csv)
{
    struct tm tm;
    gx_outname_now(&tm);
    *o = *opts;
    o->xlsx = *xlsx = gx_outname_expand(opts->xlsx, &tm);
    o->csv_dir = *csv = gx_outname_expand(opts->csv_dir, &tm);
    if ((opts->xlsx && !*xlsx) || (opts->csv_dir && !*csv)) {
        fprintf(stderr, "gairx: '%s': the name is too long once expanded\n",
                opts->xlsx && !*xlsx ? opts->xlsx : opts->csv_dir);
        return GX_EXIT_USAGE;
    }
    return 0;
}

/* --baseline, read before any report: a bad file is a usage error. */
static int load_baseline(const struct gx_options *opts,
                         struct gx_baseline **b)
{
    struct gx_diag d = {0};
    *b = NULL;
    if (!opts->baseline) return 0;
    *b = gx_baseline_load(opts->baseline, &d);
    if (*b) return 0;
    fprintf(stderr, "gairx: %s\n", d.message);
    return GX_EXIT_USAGE;
}

int gx_run(const struct gx_options *given)
{
    struct gx_options named, *opts = &named;
    char *xlsx, *csv;
    struct gx_baseline *baseline = NULL;
    if (expand_names(given, &named, &xlsx, &csv) ||
        load_baseline(opts, &baseline)) {
        free(xlsx);
        free(csv);
        return GX_EXIT_USAGE;
    }
    struct gx_diag d = {0};
    struct gx_region_map *map = NULL;
    char *dir = templates_dir(opts->templates);
    if (opts->verbose) fprintf(stderr, "gairx: templates: %s\n", dir);
    struct gx_templates *tpl = gx_templates_load(dir, &d);
    struct gx_regions *regions = tpl ? load_regions(dir) : NULL;
    int rc = tpl ? load_map(opts, regions, &map) : GX_EXIT_USAGE;
    free(dir);
    if (!tpl) fprintf(stderr, "gairx: %s\n", d.message);
    if (!rc) {
        xmlInitParser();  /* once, before the readers run in threads */
        gx_guard_install();
        rc = run_batch(opts, tpl, regions, map, baseline);
    }
    gx_baseline_free(baseline);
    free(xlsx);
    free(csv);
    gx_region_map_free(map);
    gx_templates_free(tpl);
    gx_regions_free(regions);
    return rc;
}
