/* report.h - what gairx knows about one input file: its report fields,
 * the cells of the three tables, and what it is unsure of. */
#ifndef GX_REPORT_H
#define GX_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cellkey.h"
#include "diag.h"
#include "strbuf.h"

/* The three cell states of KEYS.md, kept apart: a 0 is never invented. */
enum gx_cell_state {
    GX_CELL_NUMBER,
    GX_CELL_BLANK,
    GX_CELL_DASH
};

/* One cell of one table, 4 bytes: a batch keeps every report's cells to
 * the end (200 a report).  Read its value, keys, text, unit and doubt
 * through the gx_fact_ accessors below, which know where the report
 * keeps them. */
struct gx_fact {
    unsigned cell : 12;     /* its keys: r->cells->keys[cell] (cellkey.h
                               keeps numbers below GX_MAX_CELLS) */
    unsigned state : 2;     /* enum gx_cell_state */
    unsigned flags : 3;     /* a GX_FACT_ kind, | GX_FACT_DOUBTED */
    unsigned payload : 15;  /* what `flags & GX_FACT_KIND` says it is */
};

/* Where a fact keeps its value and text.  Most cells hold a count below
 * 100 with no unit, written as such: the count is the whole fact. */
enum {
    GX_FACT_TEXT = 0,       /* value 0; payload: the text, as an entry's,
                               when it fits (so a fact just added is 0
                               with text "") */
    GX_FACT_SMALL = 1,      /* payload n: the value n, text "n", no unit */
    GX_FACT_ENTRY = 2,      /* payload: an index in r->values */
    GX_FACT_KIND = 3,
    GX_FACT_DOUBTED = 4,    /* r->doubts holds why it is uncertain */
    GX_FACT_PAYLOAD_MAX = 0x7fff
};

/* The value and text of a fact that is not a small count (few are). */
struct gx_fact_value {
    double value;
    uint32_t text;          /* "text\0unit\0" in the report's pool, or a
                               shared small number; 0: both "" */
};

/* The reason a fact is uncertain (few are). */
struct gx_fact_doubt {
    uint32_t fact;          /* its index in r->facts */
    char *reason;           /* owned */
};

/* How one table was read. */
struct gx_table_read {
    const char *table;      /* template key */
    const char *variant;    /* "2021", "2019", ... or NULL when not found */
    int found;
    char *doubt;            /* owned; why the table as a whole is uncertain */
};

enum { GX_TABLES = 3 };

/* What a finding says about the report. */
enum gx_finding_kind {
    GX_FIND_ERROR,       /* the report's own arithmetic is wrong */
    GX_FIND_WARNING,     /* implausible, though possibly right */
    GX_FIND_DOUBT,       /* gairx is unsure what the report says */
    GX_FIND_UNASSESSED   /* a check could not be made: blank or dash cells */
};

/* One discrepancy, with where it is and why (72 bytes: a batch keeps
 * every report's findings to the end, a few a report). */
struct gx_finding {
    const char *rule;        /* "apps-balance", "extract-doubt", ... */
    const char *table;       /* template key, or NULL for the report */
    const char *row, *col;   /* the cell to mark, or NULL */
    void *block;             /* owned: the cells involved, then the message;
                                read them with gx_finding_cells */
    const char *message;     /* the explanation, in Chinese; in the block */
    double expected, found;
    enum gx_finding_kind kind;
    uint16_t ncells;         /* the block starts with this many cell numbers
                                (r->cells), or with the cells' text when
                                it is GX_CELLS_AS_TEXT */
    uint8_t has_values;      /* expected/found are meaningful */
};
enum { GX_CELLS_AS_TEXT = 0xffff };

/* 312 bytes, so that malloc's 320-byte chunk holds it: a batch keeps
 * every report to the end. */
struct gx_report {
    const char *path;       /* as found by the walk; borrowed */
    const char *relpath;    /* relative to the walked folder; borrowed */
    char *agency;           /* NULL when not found */
    char *region;           /* NULL until regions are inferred */
    char format[8];         /* "2021" / "2019" / "" */
    char kind[8];           /* reader: "txt", "html", "docx", "pdf" */
    char encoding[32];      /* "UTF-8", "GB18030", "mixed UTF-8/GB18030"... */
    long long size;         /* bytes of the input file */
    long long mtime;        /* its modification time, seconds since 1970 */
    int year;               /* 0 when not found */
    enum gx_status status;  /* GX_OK, or why the file could not be read ... */
    char *reason;           /* ... in words (owned), NULL when read */
    struct gx_table_read tables[GX_TABLES];
    /* The cells' numbering (the templates' own; set before a fact is
     * added, by the extractor). */
    const struct gx_cellkeys *cells;
    struct gx_fact *facts;  /* owned, in template order */
    size_t nfacts;
    uint32_t cap;
    int unsorted;           /* facts not in ascending cell order: scanned */
    struct gx_fact_value *values; /* owned: the facts' GX_FACT_ENTRY */
    uint32_t nvalues, vcap;
    char *pool;             /* owned: the facts' text and unit */
    uint32_t pool_len, pool_cap;
    struct gx_fact_doubt *doubts; /* owned */
    uint32_t ndoubts, dcap;
    struct gx_finding *findings; /* owned, filled by gx_check_report */
    size_t nfindings, fcap;
};

/* `path` and `relpath` are borrowed, not copied: they must outlive the
 * report (the walk's items outlive a batch's reports). */
struct gx_report *gx_report_new(const char *path, const char *relpath);
/* Records that the file could not be read (or is not a report), with
 * the reason in words; `reason` is copied. */
void gx_report_fail(struct gx_report *r, enum gx_status status,
                    const char *reason);
void gx_report_free(struct gx_report *r);

/* Appends the fact of cell number `cell` of r->cells.  A pointer to a
 * fact stays valid until the next fact is added. */
struct gx_fact *gx_report_add_cell(struct gx_report *r, unsigned cell);
/* The same by keys; NULL when r->cells has no such cell. */
struct gx_fact *gx_report_add_fact(struct gx_report *r, const char *table,
                                   const char *row, const char *col);
/* Cuts the arrays to their length: a batch holds every report's facts
 * and findings until the end.  The extractor calls it once the facts are
 * complete, gx_process_file once the findings are; pointers to facts and
 * findings taken before are stale. */
void gx_report_trim(struct gx_report *r);
/* Looks a fact up by its cell number (binary search while the facts are
 * in cell order, as the extractor adds them); NULL when the report has no
 * such cell. */
const struct gx_fact *gx_report_cell(const struct gx_report *r, unsigned cell);
/* The same by keys.  In a loop over reports, find the cell number once
 * (gx_cellkeys_find) and use gx_report_cell. */
const struct gx_fact *gx_report_find(const struct gx_report *r,
                                     const char *table, const char *row,
                                     const char *col);

/* The cell's number, meaningful when the state is GX_CELL_NUMBER. */
static inline double gx_fact_value(const struct gx_report *r,
                                   const struct gx_fact *f)
{
    switch (f->flags & GX_FACT_KIND) {
    case GX_FACT_SMALL: return (double)f->payload;
    case GX_FACT_ENTRY: return r->values[f->payload].value;
    default: return 0;
    }
}
/* A fact's keys, table, row and col (pointing into the templates). */
const struct gx_cellkey *gx_fact_key(const struct gx_report *r,
                                     const struct gx_fact *f);
/* The number as written, normalised ("1308353"), or a dash as written;
 * "" when none.  Valid until the report's next text is stored. */
const char *gx_fact_text(const struct gx_report *r, const struct gx_fact *f);
/* A unit printed in the cell ("元"), or "". */
const char *gx_fact_unit(const struct gx_report *r, const struct gx_fact *f);
/* Why the cell is uncertain ("a; b"), or NULL when it is certain. */
const char *gx_fact_doubt(const struct gx_report *r, const struct gx_fact *f);
/* Stores the fact's value and its text and unit (copied; NULL counts as
 * ""). */
void gx_fact_set(struct gx_report *r, struct gx_fact *f, double value,
                 const char *text, const char *unit);
/* Changes the value alone, keeping the text and unit. */
void gx_fact_set_value(struct gx_report *r, struct gx_fact *f, double value);
/* Adds `reason` to the fact's doubt (several reasons are joined by "; "). */
void gx_fact_add_doubt(struct gx_report *r, struct gx_fact *f,
                       const char *reason);

/* Appends a finding about `cells`, the cells involved ("row.col row.col",
 * in `table`); `cells` and `message` are copied.  Cells that r->cells
 * numbers are kept as their numbers, a tenth of their text. */
struct gx_finding *gx_report_add_finding(struct gx_report *r, const char *rule,
                                         enum gx_finding_kind kind,
                                         const char *table, const char *cells,
                                         const char *message);
/* The cells a finding involves, as they were given ("row.col row.col"),
 * written into `out` (emptied first); returns out's text. */
const char *gx_finding_cells(const struct gx_report *r,
                             const struct gx_finding *f,
                             struct gx_strbuf *out);
/* Calls fn with the row and col keys of each cell a finding involves, in
 * order (a piece of a text not of the form "row.col" is passed over). */
void gx_finding_each_cell(const struct gx_report *r,
                          const struct gx_finding *f,
                          void (*fn)(const char *row, const char *col,
                                     void *ctx),
                          void *ctx);
const char *gx_finding_kind_name(enum gx_finding_kind kind);

/* Adds `reason` to a table's doubt. */
void gx_table_add_doubt(struct gx_table_read *t, const char *reason);

#endif
