/* identity.h - the arithmetic identities of templates/, parsed once and
 * evaluated over a report's cells. */
#ifndef GX_IDENTITY_H
#define GX_IDENTITY_H

#include <stddef.h>

#include "template.h"

/* "each row: total = a + b"  -> per_row, terms are column keys;
 * "each col: a + b = c + d"  -> !per_row, terms are row keys.
 * The relation may also be ">=" or "<=" (plausibility checks). */
enum gx_relation { GX_REL_EQ, GX_REL_GE, GX_REL_LE };

struct gx_identity {
    const char *id;       /* points into the template */
    int per_row;
    enum gx_relation rel;
    char **lhs, **rhs;    /* owned */
    size_t nlhs, nrhs;
};

/* Returns 0, or -1 when the expression does not parse. */
int gx_identity_parse(const struct gx_tidentity *src, struct gx_identity *out);
void gx_identity_release(struct gx_identity *id);

/* Looks a cell up: returns 1 and sets *v when it holds a number, 0 when it
 * is blank, dashed or absent. */
typedef int (*gx_cell_lookup)(void *ctx, const char *row, const char *col,
                              double *v);

enum gx_identity_result { GX_ID_FAILS = 0, GX_ID_HOLDS = 1, GX_ID_UNASSESSABLE = -1 };

/* Evaluates the identity for one row (per_row) or one column; `fixed` is
 * that row's or column's key.  A blank or dashed operand makes the result
 * GX_ID_UNASSESSABLE: it is never read as 0.  lhs/rhs get the sums. */
enum gx_identity_result gx_identity_eval(const struct gx_identity *id,
                                         const char *fixed,
                                         gx_cell_lookup lookup, void *ctx,
                                         double *lhs, double *rhs);
/* The relation on the two sums: GX_ID_HOLDS or GX_ID_FAILS. */
enum gx_identity_result gx_identity_compare(const struct gx_identity *id,
                                            double l, double r);

#endif
