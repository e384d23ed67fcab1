#include "run.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "csvout.h"
#include "doc.h"
#include "extract.h"
#include "meta.h"
#include "reader.h"
#include "strbuf.h"
#include "util.h"
#include "walk.h"
#include "xlsx.h"

#ifndef GX_DATADIR
#define GX_DATADIR "/usr/local/share/gairx"
#endif

static void report_problem(const char *path, const char *msg)
{
    fprintf(stderr, "gairx: %s: %s\n", path, msg);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --templates, else $GAIRX_TEMPLATES, else templates/ beside the binary
 * (a build tree), else the installed copy. */
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
            gx_strbuf_release(&p);
        }
    }
    return gx_xstrdup(GX_DATADIR "/templates");
}

struct gx_report *gx_process_file(const struct gx_templates *tpl,
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
    if (gx_read_file(path, (enum gx_input_kind)kind, &doc, &r->diag) == GX_OK) {
        memcpy(r->encoding, doc.encoding, sizeof(r->encoding));
        gx_meta_read(&doc, r);
        if (gx_extract(tpl, &doc, r) == 0)
            gx_diag_set(&r->diag, GX_ERR_NOT_REPORT,
                        "none of the tables 表二, 表三, 表四 found");
        else
            gx_check_report(tpl, r);
    }
    gx_doc_release(&doc);
    return r;
}

static size_t read_all(const struct gx_templates *tpl, const struct gx_walk *w,
                       struct gx_report **reports)
{
    size_t failed = 0;
    for (size_t i = 0; i < w->n; i++) {
        const struct gx_input *in = &w->items[i];
        reports[i] = gx_process_file(tpl, in->path, in->relpath, in->kind);
        if (reports[i]->diag.status != GX_OK) {
            report_problem(in->path, reports[i]->diag.message);
            failed++;
        }
    }
    return failed;
}

static int walk_inputs(const struct gx_options *o, struct gx_walk *w)
{
    int bad = 0;
    for (size_t i = 0; i < o->npaths; i++) {
        struct gx_diag d = {0};
        if (gx_walk_add(w, o->paths[i], &d) != GX_OK) {
            report_problem(o->paths[i], d.message);
            bad = 1;
        }
    }
    return bad;
}

static int write_outputs(const struct gx_options *o,
                         const struct gx_templates *tpl,
                         struct gx_report **reports, size_t n)
{
    struct gx_diag d = {0};
    int rc = 0;
    if (o->csv_dir && gx_csv_write(o->csv_dir, reports, n, &d) != GX_OK) {
        fprintf(stderr, "gairx: %s\n", d.message);
        rc = GX_EXIT_NO_OUTPUT;
    }
    if (o->xlsx && gx_xlsx_write(o->xlsx, tpl, reports, n, o->paths[0], &d) != GX_OK) {
        fprintf(stderr, "gairx: %s\n", d.message);
        rc = GX_EXIT_NO_OUTPUT;
    }
    return rc;
}

int gx_run(const struct gx_options *opts)
{
    struct gx_diag d = {0};
    char *dir = templates_dir(opts->templates);
    struct gx_templates *tpl = gx_templates_load(dir, &d);
    free(dir);
    if (!tpl) {
        fprintf(stderr, "gairx: %s\n", d.message);
        return GX_EXIT_USAGE;
    }
    struct gx_walk w;
    gx_walk_init(&w);
    int bad_path = walk_inputs(opts, &w);
    struct gx_report **reports = gx_xcalloc(w.n ? w.n : 1, sizeof(*reports));
    size_t failed = read_all(tpl, &w, reports);
    int rc = write_outputs(opts, tpl, reports, w.n);
    if (!opts->quiet)
        fprintf(stderr, "gairx: %zu files, %zu reports read, %zu not read%s%s\n",
                w.n, w.n - failed, failed, opts->xlsx ? ", wrote " : "",
                opts->xlsx ? opts->xlsx : "");
    for (size_t i = 0; i < w.n; i++) gx_report_free(reports[i]);
    free(reports);
    gx_walk_release(&w);
    gx_templates_free(tpl);
    if (rc) return rc;
    return (failed || bad_path) ? GX_EXIT_SOME_FAILED : GX_EXIT_OK;
}
