/* report.h - what gairx knows about one input file: its report fields,
 * the cells of the three tables, and what it is unsure of. */
#ifndef GX_REPORT_H
#define GX_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* The three cell states of KEYS.md, kept apart: a 0 is never invented. */
enum gx_cell_state {
    GX_CELL_NUMBER,
    GX_CELL_BLANK,
    GX_CELL_DASH
};

/* One cell of one table.  Keys point into the loaded templates, which
 * outlive every report. */
struct gx_fact {
    const char *table;      /* "art20", "apps", "review" */
    const char *row;
    const char *col;
    enum gx_cell_state state;
    double value;           /* when state is GX_CELL_NUMBER */
    char text[40];          /* the number as written, normalised: "1308353" */
    char unit[16];          /* a unit printed in the cell ("元"), or "" */
    char *doubt;            /* owned; NULL when certain */
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

/* One discrepancy, with where it is and why. */
struct gx_finding {
    const char *rule;        /* "apps-balance", "extract-doubt", ... */
    enum gx_finding_kind kind;
    const char *table;       /* template key, or NULL for the report */
    const char *row, *col;   /* the cell to mark, or NULL */
    char *cells;             /* owned: all cells involved, "row.col row.col" */
    int has_values;          /* expected/found are meaningful */
    double expected, found;
    char *message;           /* owned: the explanation, in Chinese */
};

struct gx_report {
    char *path;             /* as found by the walk */
    char *relpath;          /* relative to the walked folder */
    char *agency;           /* NULL when not found */
    char *region;           /* NULL until regions are inferred */
    int year;               /* 0 when not found */
    char format[8];         /* "2021" / "2019" / "" */
    char kind[8];           /* reader: "txt", "html", "docx", "pdf" */
    char encoding[32];      /* "UTF-8", "GB18030", "mixed UTF-8/GB18030"... */
    long long size;         /* bytes of the input file */
    long long mtime;        /* its modification time, seconds since 1970 */
    struct gx_diag diag;    /* GX_OK, or why the file could not be read */
    struct gx_table_read tables[GX_TABLES];
    struct gx_fact *facts;  /* owned, in template order */
    size_t nfacts, cap;
    struct gx_finding *findings; /* owned, filled by gx_check_report */
    size_t nfindings, fcap;
    /* A hash of facts by key (gx_report_index), valid while no fact is
     * added after it was built: fact indexes + 1, 32 bits because every
     * report of a batch keeps its index to the end. */
    uint32_t *index;
    size_t index_size, index_nfacts;
};

struct gx_report *gx_report_new(const char *path, const char *relpath);
void gx_report_free(struct gx_report *r);

/* Appends a fact; `doubt` is copied when not NULL. */
struct gx_fact *gx_report_add_fact(struct gx_report *r, const char *table,
                                   const char *row, const char *col);
/* Builds the index that makes gx_report_find constant time; call it once
 * the facts are complete (the extractor does).  The facts array is cut to
 * its length first, so it may move: pointers to facts taken before are
 * stale. */
void gx_report_index(struct gx_report *r);
/* Looks a fact up by its keys; NULL when the report has no such cell. */
const struct gx_fact *gx_report_find(const struct gx_report *r,
                                     const char *table, const char *row,
                                     const char *col);
/* Appends a finding; `cells` and `message` are copied. */
struct gx_finding *gx_report_add_finding(struct gx_report *r, const char *rule,
                                         enum gx_finding_kind kind,
                                         const char *table, const char *cells,
                                         const char *message);
const char *gx_finding_kind_name(enum gx_finding_kind kind);

/* Adds `reason` to the fact's doubt (several reasons are joined by "; "). */
void gx_fact_add_doubt(struct gx_fact *f, const char *reason);
/* Adds `reason` to a table's doubt. */
void gx_table_add_doubt(struct gx_table_read *t, const char *reason);

#endif
