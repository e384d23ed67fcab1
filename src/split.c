/* split.c - grouping a batch by division.  Reports are sorted by their
 * division's code (stable in walk order), so each group is one run. */
#include "split.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "util.h"

struct placed {
    const char *code;     /* "" when no division: sorts last */
    const char *name, *path;
    size_t index;
};

static int cmp_placed(const void *pa, const void *pb)
{
    const struct placed *a = pa, *b = pb;
    if (!*a->code != !*b->code) return *a->code ? -1 : 1;
    int c = strcmp(a->code, b->code);
    if (c) return c;
    return (a->index > b->index) - (a->index < b->index);
}

/* {region} replaced by name, everywhere in pattern. */
static char *fill(const char *pattern, const char *name)
{
    static const char mark[] = "{region}";
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (const char *p = pattern, *hit; *p; p = hit + strlen(mark)) {
        hit = strstr(p, mark);
        if (!hit) {
            gx_strbuf_adds(&sb, p);
            break;
        }
        gx_strbuf_add(&sb, p, (size_t)(hit - p));
        gx_strbuf_adds(&sb, name);
    }
    return gx_strbuf_detach(&sb, NULL);
}

static struct gx_split_group *add_group(struct gx_split *s,
                                        const struct placed *p)
{
    GX_GROW(s->v, s->n + 1, s->cap);
    struct gx_split_group *grp = &s->v[s->n++];
    memset(grp, 0, sizeof(*grp));
    grp->name = gx_xstrdup(p->name);
    grp->code = gx_xstrdup(p->code);
    return grp;
}

/* The code of the division `region` lies in at `level`, "" for none. */
static const char *division_code(const struct gx_regions *g, int level,
                                 const char *region)
{
    struct gx_region_level lv;
    if (region && *region && gx_region_at_level(g, region, level, &lv))
        return lv.code;
    return "";
}

/* Two divisions of one name (鼓楼区 of 南京市 and of 福州市) would write
 * one file: both take their full paths. */
static void unique_names(struct gx_split *s, const struct placed *first)
{
    for (size_t i = 0; i < s->n; i++) {
        int clash = 0;
        for (size_t j = 0; j < s->n && !clash; j++)
            clash = j != i && !strcmp(first[i].name, first[j].name);
        if (clash && *first[i].code) {
            free(s->v[i].name);
            s->v[i].name = gx_xstrdup(first[i].path);
        }
    }
}

void gx_split_reports(const struct gx_regions *g, int level,
                      const char *pattern, struct gx_report *const *reports,
                      size_t n, struct gx_split *out)
{
    struct placed *p = gx_xcalloc(n ? n : 1, sizeof(*p));
    struct placed *first = gx_xcalloc(n ? n : 1, sizeof(*first));
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        struct gx_region_level lv;
        p[i] = (struct placed){"", GX_SPLIT_NO_REGION, GX_SPLIT_NO_REGION, i};
        if (reports[i]->region &&
            gx_region_at_level(g, reports[i]->region, level, &lv))
            p[i] = (struct placed){lv.code, lv.name, lv.path, i};
    }
    qsort(p, n, sizeof(*p), cmp_placed);
    struct gx_split_group *grp = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!grp || strcmp(p[i].code, p[i - 1].code)) {
            first[out->n] = p[i];
            grp = add_group(out, &p[i]);
        }
        GX_GROW(grp->reports, grp->n + 1, grp->cap);
        grp->reports[grp->n++] = reports[p[i].index];
    }
    unique_names(out, first);
    for (size_t i = 0; i < out->n; i++)
        out->v[i].path = fill(pattern, out->v[i].name);
    free(first);
    free(p);
}

void gx_split_release(struct gx_split *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].path);
        free(s->v[i].code);
        free(s->v[i].reports);
    }
    free(s->v);
    memset(s, 0, sizeof(*s));
}

void gx_split_changes(const struct gx_regions *g, int level,
                      const struct gx_split_group *grp,
                      const struct gx_changes *all, struct gx_changes *view)
{
    *view = *all;
    view->gone = gx_xcalloc(all->ngone ? all->ngone : 1, sizeof(*view->gone));
    view->ngone = view->gonecap = 0;
    for (size_t i = 0; i < all->ngone; i++)
        if (!strcmp(division_code(g, level, all->gone[i].region), grp->code))
            view->gone[view->ngone++] = all->gone[i];
}
