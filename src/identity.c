#include "identity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void push(char ***arr, size_t *n, const char *s, size_t len)
{
    *arr = gx_xrealloc(*arr, (*n + 1) * sizeof(char *));
    (*arr)[(*n)++] = gx_xstrndup(s, len);
}

/* Splits "a + b + c" into its terms. */
static int parse_sum(const char *s, const char *end, char ***terms, size_t *n)
{
    while (s < end) {
        while (s < end && (*s == ' ' || *s == '+')) s++;
        const char *t = s;
        while (s < end && *s != ' ' && *s != '+') s++;
        if (s > t) push(terms, n, t, (size_t)(s - t));
    }
    return *n ? 0 : -1;
}

int gx_identity_parse(const struct gx_tidentity *src, struct gx_identity *out)
{
    const char *e = src->expr, *colon = strchr(e, ':'), *eq;
    memset(out, 0, sizeof(*out));
    out->id = src->id;
    if (!strncmp(e, "each row:", 9)) out->per_row = 1;
    else if (strncmp(e, "each col:", 9)) return -1;
    if (!colon || !(eq = strchr(colon, '='))) return -1;
    const char *lhs_end = eq;
    if (eq > colon + 1 && (eq[-1] == '>' || eq[-1] == '<')) {
        out->rel = eq[-1] == '>' ? GX_REL_GE : GX_REL_LE;
        lhs_end = eq - 1;
    }
    if (parse_sum(colon + 1, lhs_end, &out->lhs, &out->nlhs) < 0 ||
        parse_sum(eq + 1, e + strlen(e), &out->rhs, &out->nrhs) < 0) {
        gx_identity_release(out);
        return -1;
    }
    return 0;
}

void gx_identity_release(struct gx_identity *id)
{
    for (size_t i = 0; i < id->nlhs; i++) free(id->lhs[i]);
    for (size_t i = 0; i < id->nrhs; i++) free(id->rhs[i]);
    free(id->lhs);
    free(id->rhs);
    memset(id, 0, sizeof(*id));
}

static int sum_terms(const struct gx_identity *id, char **terms, size_t n,
                     const char *fixed, gx_cell_lookup lookup, void *ctx,
                     double *sum)
{
    *sum = 0;
    for (size_t i = 0; i < n; i++) {
        double v;
        const char *row = id->per_row ? fixed : terms[i];
        const char *col = id->per_row ? terms[i] : fixed;
        if (!lookup(ctx, row, col, &v)) return 0;
        *sum += v;
    }
    return 1;
}

enum gx_identity_result gx_identity_eval(const struct gx_identity *id,
                                         const char *fixed,
                                         gx_cell_lookup lookup, void *ctx,
                                         double *lhs, double *rhs)
{
    double l, r;
    if (!sum_terms(id, id->lhs, id->nlhs, fixed, lookup, ctx, &l) ||
        !sum_terms(id, id->rhs, id->nrhs, fixed, lookup, ctx, &r))
        return GX_ID_UNASSESSABLE;
    if (lhs) *lhs = l;
    if (rhs) *rhs = r;
    return gx_identity_compare(id, l, r);
}

enum gx_identity_result gx_identity_compare(const struct gx_identity *id,
                                            double l, double r)
{
    /* Amounts carry decimals; counts are integers either way. */
    switch (id->rel) {
    case GX_REL_GE: return l >= r - 1e-6 ? GX_ID_HOLDS : GX_ID_FAILS;
    case GX_REL_LE: return l <= r + 1e-6 ? GX_ID_HOLDS : GX_ID_FAILS;
    default: return fabs(l - r) < 1e-6 ? GX_ID_HOLDS : GX_ID_FAILS;
    }
}
