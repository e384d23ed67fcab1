#include "csvout.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "summary.h"
#include "util.h"

/* Quotes a field only when it must be (libcsv's csv_fwrite quotes all). */
static void put_field(FILE *fp, const char *s, int last)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        size_t n = strlen(s), cap = csv_write(NULL, 0, s, n);
        char *buf = gx_xmalloc(cap);
        size_t len = csv_write(buf, cap, s, n);
        fwrite(buf, 1, len, fp);
        free(buf);
    } else if (s) {
        fputs(s, fp);
    }
    fputc(last ? '\n' : ',', fp);
}

/* A text field a spreadsheet must not take for a formula: one that starts
 * with = + - @ (or a tab or CR, which some strip first) gets a leading
 * apostrophe.  Numbers never go through here: -18 is a value. */
static void put_text(FILE *fp, const char *s, int last)
{
    if (s && *s && strchr("=+-@\t\r", *s)) {
        struct gx_strbuf sb = GX_STRBUF_INIT;
        gx_strbuf_addch(&sb, '\'');
        gx_strbuf_adds(&sb, s);
        put_field(fp, sb.buf, last);
        gx_strbuf_release(&sb);
    } else {
        put_field(fp, s, last);
    }
}

static const char *state_name(enum gx_cell_state s)
{
    return s == GX_CELL_NUMBER ? "number" : s == GX_CELL_BLANK ? "blank" : "dash";
}

static void put_fact(FILE *fp, const struct gx_report *r,
                     const struct gx_fact *f)
{
    char year[16];
    snprintf(year, sizeof(year), "%d", r->year);
    put_text(fp, r->relpath, 0);
    put_text(fp, r->agency ? r->agency : "", 0);
    put_text(fp, r->region ? r->region : "", 0);
    put_field(fp, r->year ? year : "", 0);
    put_field(fp, r->format, 0);
    put_field(fp, f->table, 0);
    put_field(fp, f->row, 0);
    put_field(fp, f->col, 0);
    put_field(fp, f->state == GX_CELL_NUMBER ? f->text : "", 0);
    put_field(fp, state_name(f->state), 0);
    put_text(fp, f->doubt ? f->doubt : "", 1);
}

static void put_file(FILE *fp, const struct gx_report *r)
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
    put_text(fp, r->relpath, 0);
    put_field(fp, r->kind, 0);
    put_field(fp, gx_status_name(r->diag.status), 0);
    put_text(fp, r->diag.status ? r->diag.message : "", 0);
    put_text(fp, doubts.buf, 0);
    put_field(fp, r->encoding, 0);
    put_field(fp, size, 1);
    gx_strbuf_release(&doubts);
}

static void put_number(FILE *fp, int has, double v, int last)
{
    char buf[64] = "";
    if (has) snprintf(buf, sizeof(buf), "%.10g", v);
    put_field(fp, buf, last);
}

static void put_finding(FILE *fp, const struct gx_report *r,
                        const struct gx_finding *f)
{
    put_text(fp, r->relpath, 0);
    put_text(fp, r->agency ? r->agency : "", 0);
    put_field(fp, f->table ? f->table : "", 0);
    put_field(fp, f->rule, 0);
    put_field(fp, gx_finding_kind_name(f->kind), 0);
    put_field(fp, f->row ? f->row : "", 0);
    put_field(fp, f->col ? f->col : "", 0);
    put_field(fp, f->cells, 0);
    put_number(fp, f->has_values, f->expected, 0);
    put_number(fp, f->has_values, f->found, 0);
    put_text(fp, f->message, 1);
}

/* One 汇总 row: the same columns and values as the workbook's. */
static void put_report(FILE *fp, const struct gx_report *r)
{
    struct gx_summary s;
    char buf[32];
    gx_summary_fill(&s, r);
    snprintf(buf, sizeof(buf), "%d", r->year);
    put_text(fp, r->region ? r->region : "", 0);
    put_text(fp, r->agency ? r->agency : "", 0);
    put_field(fp, r->year ? buf : "", 0);
    put_field(fp, r->format, 0);
    put_text(fp, r->relpath, 0);
    for (int i = 0; i < GX_SUM_NFIELDS; i++)
        put_number(fp, s.v[i].has, s.v[i].v, 0);
    snprintf(buf, sizeof(buf), "%zu", s.nfindings);
    put_field(fp, buf, 0);
    put_field(fp, gx_summary_status_name(s.status), 1);
}

static void put_reports_header(FILE *fp)
{
    fputs("region,agency,year,format,file", fp);
    for (int i = 0; i < GX_SUM_NFIELDS; i++)
        fprintf(fp, ",%s", gx_summary_columns[i].key);
    fputs(",findings,status\n", fp);
}

static FILE *open_in(const char *dir, const char *name, struct gx_diag *d)
{
    struct gx_strbuf path = GX_STRBUF_INIT;
    gx_strbuf_adds(&path, dir);
    gx_strbuf_addch(&path, '/');
    gx_strbuf_adds(&path, name);
    FILE *fp = fopen(path.buf, "w");
    if (!fp) gx_diag_errno(d, GX_ERR_IO, errno, "cannot write %s", path.buf);
    gx_strbuf_release(&path);
    return fp;
}

static enum gx_status close_checked(FILE *fp, const char *dir, struct gx_diag *d)
{
    int bad = ferror(fp);
    if (fclose(fp) != 0 || bad)
        return gx_diag_errno(d, GX_ERR_IO, errno, "cannot write to %s", dir);
    return GX_OK;
}

static enum gx_status write_reports(const char *dir,
                                    struct gx_report *const *reports,
                                    size_t n, struct gx_diag *d)
{
    FILE *fp = open_in(dir, "reports.csv", d);
    if (!fp) return GX_ERR_IO;
    size_t *order = gx_xcalloc(n ? n : 1, sizeof(*order));
    size_t m = gx_summary_order(reports, n, order);
    put_reports_header(fp);
    for (size_t i = 0; i < m; i++) put_report(fp, reports[order[i]]);
    free(order);
    return close_checked(fp, dir, d);
}

enum gx_status gx_csv_write(const char *dir, struct gx_report *const *reports,
                            size_t n, struct gx_diag *d)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return gx_diag_errno(d, GX_ERR_IO, errno, "cannot create %s", dir);
    FILE *fp = open_in(dir, "facts.csv", d);
    if (!fp) return GX_ERR_IO;
    fputs("file,agency,region,year,format,table,row,col,value,state,doubt\n", fp);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < reports[i]->nfacts; k++)
            put_fact(fp, reports[i], &reports[i]->facts[k]);
    if (close_checked(fp, dir, d) != GX_OK) return GX_ERR_IO;
    if (!(fp = open_in(dir, "files.csv", d))) return GX_ERR_IO;
    fputs("file,kind,status,reason,doubts,encoding,size\n", fp);
    for (size_t i = 0; i < n; i++) put_file(fp, reports[i]);
    if (close_checked(fp, dir, d) != GX_OK) return GX_ERR_IO;
    if (!(fp = open_in(dir, "findings.csv", d))) return GX_ERR_IO;
    fputs("file,agency,table,rule,kind,row,col,cells,expected,found,message\n", fp);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < reports[i]->nfindings; k++)
            put_finding(fp, reports[i], &reports[i]->findings[k]);
    if (close_checked(fp, dir, d) != GX_OK) return GX_ERR_IO;
    return write_reports(dir, reports, n, d);
}
