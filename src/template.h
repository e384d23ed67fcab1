/* template.h - the report formats as data: each table's variants, rows,
 * columns, label variants and identities, loaded from templates/ at run
 * time.  A new format variant is an edit there, not here. */
#ifndef GX_TEMPLATE_H
#define GX_TEMPLATE_H

#include <stddef.h>

#include "cellkey.h"
#include "diag.h"
#include "label.h"

/* A column of a table (or of one row of it). */
struct gx_tcol {
    char *key;          /* KEYS.md col key, e.g. "natural" */
    char *label;        /* official label, e.g. "自然人" */
    unsigned cell;      /* this row's cell of it, numbered (cellkey.h) */
};

/* A data row, as it appears in one or more variants. */
struct gx_trow {
    char *key;          /* KEYS.md row key, e.g. "denied_state_secret" */
    char *label;        /* official label */
    char **aliases;     /* other wordings real reports use */
    size_t naliases;
    struct gx_key label_key;   /* keys (label.h) of label and of each alias, */
    struct gx_key *alias_keys; /* built once at load: matched per report */
    char **variants;    /* the variants that have this row */
    size_t nvariants;
    struct gx_tcol *cols; /* this row's value columns, in print order */
    size_t ncols;
};

/* A variant of a table and the labels that tell it apart. */
struct gx_tvariant {
    char *name;         /* "2021", "2019" */
    char **markers;     /* any of these in the table's labels selects it */
    size_t nmarkers;
    struct gx_key *marker_keys; /* their keys, built at load */
};

struct gx_identity;     /* identity.h */

/* An arithmetic identity: lhs terms = rhs terms, over cells named
 * "row.col", where a row or col may be "*" (for each) and a term may be a
 * sum over a row or column list. Kept as text here; the checks engine
 * parses it. */
struct gx_tidentity {
    char *id;           /* rule id, e.g. "apps-row-total" */
    int warning;        /* 0: `identity`, a hard rule; 1: `check`, plausibility */
    char *variant;      /* "*" or a variant name */
    char *expr;         /* e.g. "each row: total = natural + commercial ..." */
    struct gx_identity *parsed; /* expr parsed at load, NULL when it does
                                   not parse: not once per report */
};

/* Which values a table's cells may hold (`domain` directive). */
struct gx_tdomain {
    char *id;           /* rule id, e.g. "count-domain" */
    char *variant;      /* "*" or a variant name */
    int integer;        /* 1: whole numbers only */
    int nonnegative;    /* 1: >= 0 */
    char **except;      /* column keys the rule does not cover */
    size_t nexcept;
};

struct gx_table {
    char *key;          /* "art20", "apps", "review" */
    char *title;        /* section title, e.g. "主动公开政府信息情况" */
    char *name;         /* what analysts call it: "表三" */
    char **headings;    /* words of its section heading, any one suffices */
    size_t nheadings;
    struct gx_key *heading_keys; /* their keys, built at load */
    char **starts;      /* labels that open the table when no heading */
    size_t nstarts;
    int single_row;     /* all rows printed as one line of numbers (表四) */
    struct gx_tvariant *variants; /* the last one is the default */
    size_t nvariants;
    struct gx_trow *rows;         /* all rows of all variants, print order */
    size_t nrows;
    struct gx_tidentity *identities;
    size_t nidentities;
    struct gx_tdomain *domains;
    size_t ndomains;
};

struct gx_templates {
    struct gx_table *tables;  /* art20, apps, review, in report order */
    size_t ntables;
    char *dir;
    struct gx_cellkeys *cells; /* every cell numbered; NULL if built by hand */
    struct gx_checks *checks;  /* identities planned (check.h); ditto */
};

/* Loads every *.tsv in `dir`.  Returns NULL and fills d on failure; the
 * result is freed with gx_templates_free. */
struct gx_templates *gx_templates_load(const char *dir, struct gx_diag *d);
void gx_templates_free(struct gx_templates *t);

const struct gx_table *gx_templates_table(const struct gx_templates *t,
                                          const char *key);
/* 1 when `row` belongs to `variant`. */
int gx_trow_in_variant(const struct gx_trow *row, const char *variant);
int gx_tidentity_in_variant(const struct gx_tidentity *id, const char *variant);

#endif
