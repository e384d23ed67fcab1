#include "csvout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guard.h"
#include "ordered.h"
#include "strbuf.h"
#include "summary.h"
#include "util.h"

/* Rows are built in memory and written in large blocks: putting each
 * field through stdio (a lock per call) cost more than the extraction. */
/* One CSV file being written: to a temporary file beside it, renamed
 * into place when complete, so that a failed or interrupted run leaves
 * last month's file as it was (see guard.h). */
struct csv_out {
    FILE *fp;
    struct gx_strbuf sb;
    struct gx_strbuf path;
    char *tmp;              /* owned: the temporary file's name */
};

enum { CSV_FLUSH_AT = 1 << 16 };

static void out_flush(struct csv_out *o)
{
    if (o->sb.len) fwrite(o->sb.buf, 1, o->sb.len, o->fp);
    gx_strbuf_reset(&o->sb);
}

/* Ends a row; writes the buffer out once it is large. */
static void end_row(struct csv_out *o)
{
    if (o->sb.len >= CSV_FLUSH_AT) out_flush(o);
}

/* Quotes a field only when it must be, the way libcsv's csv_write does
 * (libcsv's csv_fwrite quotes all). */
static void put_field(struct gx_strbuf *sb, const char *s, int last)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        gx_strbuf_addch(sb, '"');
        for (const char *q; (q = strchr(s, '"')); s = q + 1) {
            gx_strbuf_add(sb, s, (size_t)(q + 1 - s));   /* "" for " */
            gx_strbuf_addch(sb, '"');
        }
        gx_strbuf_adds(sb, s);
        gx_strbuf_addch(sb, '"');
    } else if (s) {
        gx_strbuf_adds(sb, s);
    }
    gx_strbuf_addch(sb, last ? '\n' : ',');
}

/* A text field a spreadsheet must not take for a formula: one that starts
 * with = + - @ (or a tab or CR, which some strip first) gets a leading
 * apostrophe.  Numbers never go through here: -18 is a value. */
static void put_text(struct gx_strbuf *sb, const char *s, int last)
{
    if (s && *s && strchr("=+-@\t\r", *s)) {
        struct gx_strbuf quoted = GX_STRBUF_INIT;
        gx_strbuf_addch(&quoted, '\'');
        gx_strbuf_adds(&quoted, s);
        put_field(sb, quoted.buf, last);
        gx_strbuf_release(&quoted);
    } else {
        put_field(sb, s, last);
    }
}

static const char *state_name(enum gx_cell_state s)
{
    return s == GX_CELL_NUMBER ? "number" : s == GX_CELL_BLANK ? "blank" : "dash";
}

/* The first five columns of facts.csv are the same on each of a report's
 * ~200 rows: they are quoted once per report. */
static void put_fact_prefix(struct gx_strbuf *sb, const struct gx_report *r)
{
    char year[16];
    snprintf(year, sizeof(year), "%d", r->year);
    put_text(sb, r->relpath, 0);
    put_text(sb, r->agency ? r->agency : "", 0);
    put_text(sb, r->region ? r->region : "", 0);
    put_field(sb, r->year ? year : "", 0);
    put_field(sb, r->format, 0);
}

/* Each template cell's "table,row,col," as facts.csv writes it, made once
 * for a run: a report's ~200 rows differ only in these and the value. */
struct key_columns {
    const struct gx_cellkeys *cells;
    struct gx_strbuf text;
    size_t *start;          /* cell i is text[start[i], start[i + 1]) */
};

static void key_columns_init(struct key_columns *kc,
                             const struct gx_cellkeys *cells)
{
    kc->cells = cells;
    gx_strbuf_init(&kc->text);
    size_t n = cells ? cells->n : 0;
    kc->start = gx_xcalloc(n + 1, sizeof(*kc->start));
    for (size_t i = 0; i < n; i++) {
        const struct gx_cellkey *k = &cells->keys[i];
        kc->start[i] = kc->text.len;
        put_field(&kc->text, k->table, 0);
        put_field(&kc->text, k->row, 0);
        put_field(&kc->text, k->col, 0);
    }
    kc->start[n] = kc->text.len;
}

static void key_columns_release(struct key_columns *kc)
{
    gx_strbuf_release(&kc->text);
    free(kc->start);
}

static void put_key_columns(struct gx_strbuf *sb, const struct key_columns *kc,
                            const struct gx_report *r, const struct gx_fact *f)
{
    if (kc->cells && r->cells == kc->cells && f->cell < kc->cells->n) {
        gx_strbuf_add(sb, kc->text.buf + kc->start[f->cell],
                      kc->start[f->cell + 1] - kc->start[f->cell]);
        return;
    }
    const struct gx_cellkey *k = gx_fact_key(r, f);
    put_field(sb, k->table, 0);
    put_field(sb, k->row, 0);
    put_field(sb, k->col, 0);
}

static void put_fact(struct gx_strbuf *sb, const char *prefix, size_t plen,
                     const struct key_columns *kc, const struct gx_report *r,
                     const struct gx_fact *f)
{
    const char *doubt = gx_fact_doubt(r, f);
    gx_strbuf_add(sb, prefix, plen);
    put_key_columns(sb, kc, r, f);
    put_field(sb, f->state == GX_CELL_NUMBER ? gx_fact_text(r, f) : "", 0);
    put_field(sb, state_name(f->state), 0);
    put_text(sb, doubt ? doubt : "", 1);
}

static void put_facts(struct gx_strbuf *sb, const struct key_columns *kc,
                      const struct gx_report *r)
{
    size_t start = sb->len;
    put_fact_prefix(sb, r);
    char *prefix = gx_xstrndup(sb->buf + start, sb->len - start);
    size_t plen = sb->len - start;
    sb->len = start;
    sb->buf[start] = '\0';
    for (size_t k = 0; k < r->nfacts; k++)
        put_fact(sb, prefix, plen, kc, r, &r->facts[k]);
    free(prefix);
}

static void put_file(struct gx_strbuf *sb, const struct gx_report *r)
{
    struct gx_strbuf doubts = GX_STRBUF_INIT;
    for (int t = 0; t < GX_TABLES; t++)
        if (r->tables[t].doubt) {
            if (doubts.len) gx_strbuf_adds(&doubts, "; ");
            gx_strbuf_adds(&doubts, r->tables[t].table ? r->tables[t].table : "");
            gx_strbuf_adds(&doubts, ": ");
            gx_strbuf_adds(&doubts, r->tables[t].doubt);
        }
    char size[32];
    snprintf(size, sizeof(size), "%lld", r->size);
    put_text(sb, r->relpath, 0);
    put_field(sb, r->kind, 0);
    put_field(sb, gx_status_name(r->status), 0);
    put_text(sb, r->status ? r->reason : "", 0);
    put_text(sb, doubts.buf, 0);
    put_field(sb, r->encoding, 0);
    put_field(sb, size, 1);
    gx_strbuf_release(&doubts);
}

static void put_number(struct gx_strbuf *sb, int has, double v, int last)
{
    char buf[64] = "";
    if (has) snprintf(buf, sizeof(buf), "%.10g", v);
    put_field(sb, buf, last);
}

static void put_finding(struct gx_strbuf *sb, const struct gx_report *r,
                        const struct gx_finding *f)
{
    put_text(sb, r->relpath, 0);
    put_text(sb, r->agency ? r->agency : "", 0);
    put_field(sb, f->table ? f->table : "", 0);
    put_field(sb, f->rule, 0);
    put_field(sb, gx_finding_kind_name(f->kind), 0);
    put_field(sb, f->row ? f->row : "", 0);
    put_field(sb, f->col ? f->col : "", 0);
    struct gx_strbuf cells = GX_STRBUF_INIT;
    put_field(sb, gx_finding_cells(r, f, &cells), 0);
    gx_strbuf_release(&cells);
    put_number(sb, f->has_values, f->expected, 0);
    put_number(sb, f->has_values, f->found, 0);
    put_text(sb, f->message, 1);
}

/* One 汇总 row: the same columns and values as the workbook's. */
static void put_report(struct gx_strbuf *sb, const struct gx_report *r,
                       const struct gx_summary_cells *sc)
{
    struct gx_summary s;
    char buf[32];
    gx_summary_fill_cells(&s, r, sc);
    snprintf(buf, sizeof(buf), "%d", r->year);
    put_text(sb, r->region ? r->region : "", 0);
    put_text(sb, r->agency ? r->agency : "", 0);
    put_field(sb, r->year ? buf : "", 0);
    put_field(sb, r->format, 0);
    put_text(sb, r->relpath, 0);
    for (int i = 0; i < GX_SUM_NFIELDS; i++)
        put_number(sb, gx_summary_has(&s, i), s.v[i], 0);
    snprintf(buf, sizeof(buf), "%u", (unsigned)s.nfindings);
    put_field(sb, buf, 0);
    put_field(sb, gx_summary_status_name(s.status), 1);
}

static void put_reports_header(struct gx_strbuf *sb)
{
    gx_strbuf_adds(sb, "region,agency,year,format,file");
    for (int i = 0; i < GX_SUM_NFIELDS; i++) {
        gx_strbuf_addch(sb, ',');
        gx_strbuf_adds(sb, gx_summary_columns[i].key);
    }
    gx_strbuf_adds(sb, ",findings,status\n");
}

static void out_release(struct csv_out *o)
{
    gx_strbuf_release(&o->sb);
    gx_strbuf_release(&o->path);
    free(o->tmp);
    o->tmp = NULL;
}

/* The temporary file beside o->path, open for writing; NULL with errno
 * set. */
static FILE *open_temp(struct csv_out *o)
{
    int fd = gx_guard_temp_beside(o->path.buf, &o->tmp);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && !fp) {
        int e = errno;
        close(fd);
        remove(o->tmp);
        errno = e;
    }
    return fp;
}

/* Opens DIR/NAME (as a temporary file) and starts it with its header
 * line; 0, or -1 with d filled. */
static int out_open(struct csv_out *o, const char *dir, const char *name,
                    const char *header, struct gx_diag *d)
{
    gx_strbuf_init(&o->sb);
    gx_strbuf_init(&o->path);
    o->tmp = NULL;
    gx_strbuf_adds(&o->path, dir);
    gx_strbuf_addch(&o->path, '/');
    gx_strbuf_adds(&o->path, name);
    o->fp = open_temp(o);
    if (!o->fp) {
        gx_diag_errno(d, GX_ERR_IO, errno, "cannot write %s", o->path.buf);
        out_release(o);
        return -1;
    }
    if (header) gx_strbuf_adds(&o->sb, header);
    return 0;
}

/* Finishes the temporary file; GX_OK, or d filled and the file removed. */
static enum gx_status out_finish(struct csv_out *o, struct gx_diag *d)
{
    errno = 0;
    out_flush(o);
    int bad = ferror(o->fp);
    if (fclose(o->fp) != 0 || bad) {
        gx_diag_errno(d, GX_ERR_IO, errno ? errno : EIO, "cannot write %s",
                      o->path.buf);
        remove(o->tmp);
        out_release(o);
        return GX_ERR_IO;
    }
    return GX_OK;
}

/* What the four files are written from. */
struct export {
    struct gx_report *const *reports;
    size_t n;
    unsigned threads;       /* that may format facts.csv */
};

static void write_reports(struct csv_out *o, const struct export *e)
{
    size_t *order = gx_xcalloc(e->n ? e->n : 1, sizeof(*order));
    size_t m = gx_summary_order(e->reports, e->n, order);
    put_reports_header(&o->sb);
    struct gx_summary_cells sc;   /* every report of a run numbers cells alike */
    gx_summary_cells_init(&sc, m ? e->reports[order[0]]->cells : NULL);
    for (size_t i = 0; i < m; i++) {
        put_report(&o->sb, e->reports[order[i]], &sc);
        end_row(o);
    }
    free(order);
}

/* facts.csv in chunks of this many reports (~600 KB each) */
enum { FACTS_CHUNK = 16 };

struct facts_run {
    struct csv_out *o;
    const struct export *e;
    struct key_columns kc;
};

static void format_facts(void *ctx, size_t chunk, struct gx_strbuf *out)
{
    const struct facts_run *fr = ctx;
    size_t end = (chunk + 1) * FACTS_CHUNK;
    if (end > fr->e->n) end = fr->e->n;
    for (size_t i = chunk * FACTS_CHUNK; i < end; i++)
        put_facts(out, &fr->kc, fr->e->reports[i]);
}

static void emit_facts(void *ctx, const struct gx_strbuf *chunk)
{
    struct csv_out *o = ((struct facts_run *)ctx)->o;
    out_flush(o);
    fwrite(chunk->buf, 1, chunk->len, o->fp);
}

/* facts.csv is 8 times the size of the reports it comes from: it is
 * formatted on all threads and written in order. */
static void write_facts(struct csv_out *o, const struct export *e)
{
    struct facts_run fr = {o, e, {0}};
    const struct gx_cellkeys *cells = NULL;   /* a run's reports share one */
    for (size_t i = 0; i < e->n && !cells; i++) cells = e->reports[i]->cells;
    key_columns_init(&fr.kc, cells);
    struct gx_ordered_job job = {(e->n + FACTS_CHUNK - 1) / FACTS_CHUNK,
                                 format_facts, emit_facts, &fr};
    gx_ordered_run(&job, e->threads);
    key_columns_release(&fr.kc);
}

static void write_files(struct csv_out *o, const struct export *e)
{
    for (size_t i = 0; i < e->n; i++) {
        put_file(&o->sb, e->reports[i]);
        end_row(o);
    }
}

static void write_findings(struct csv_out *o, const struct export *e)
{
    for (size_t i = 0; i < e->n; i++)
        for (size_t k = 0; k < e->reports[i]->nfindings; k++) {
            put_finding(&o->sb, e->reports[i], &e->reports[i]->findings[k]);
            end_row(o);
        }
}

/* The four files of one export, in the order they are written. */
static const struct csv_file {
    const char *name;
    const char *header;     /* NULL: the writer puts its own */
    void (*write)(struct csv_out *, const struct export *);
} csv_files[] = {
    {"facts.csv",
     "file,agency,region,year,format,table,row,col,value,state,doubt\n",
     write_facts},
    {"files.csv", "file,kind,status,reason,doubts,encoding,size\n",
     write_files},
    {"findings.csv",
     "file,agency,table,rule,kind,row,col,cells,expected,found,message\n",
     write_findings},
    {"reports.csv", NULL, write_reports},
};

enum { CSV_FILES = sizeof(csv_files) / sizeof(csv_files[0]) };

/* Renames the finished temporary files into place with signals held
 * back, so that an interrupted run never leaves this run's facts.csv
 * beside last run's files.csv. */
static enum gx_status commit_all(struct csv_out *outs, struct gx_diag *d)
{
    enum gx_status st = GX_OK;
    sigset_t old;
    gx_guard_hold(&old);
    for (size_t i = 0; i < CSV_FILES; i++) {
        if (st == GX_OK && rename(outs[i].tmp, outs[i].path.buf) != 0)
            st = gx_diag_errno(d, GX_ERR_IO, errno, "cannot write %s",
                               outs[i].path.buf);
        if (st != GX_OK) remove(outs[i].tmp);
    }
    gx_guard_clear();
    gx_guard_resume(&old);
    return st;
}

/* Removes the temporary files of outs[0..n) after a failure. */
static void abandon(struct csv_out *outs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        remove(outs[i].tmp);
        out_release(&outs[i]);
    }
    gx_guard_clear();
}

enum gx_status gx_csv_write(const char *dir, struct gx_report *const *reports,
                            size_t n, unsigned threads, struct gx_diag *d)
{
    struct csv_out outs[CSV_FILES];
    const struct export e = {reports, n, threads};
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return gx_diag_errno(d, GX_ERR_IO, errno, "cannot create %s", dir);
    for (size_t i = 0; i < CSV_FILES; i++) {
        const struct csv_file *cf = &csv_files[i];
        if (out_open(&outs[i], dir, cf->name, cf->header, d)) {
            abandon(outs, i);
            return GX_ERR_IO;
        }
        cf->write(&outs[i], &e);
        if (out_finish(&outs[i], d) != GX_OK) {
            abandon(outs, i);
            return GX_ERR_IO;
        }
    }
    enum gx_status st = commit_all(outs, d);
    for (size_t i = 0; i < CSV_FILES; i++) out_release(&outs[i]);
    return st;
}
