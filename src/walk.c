#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_limits.h"
#include "strbuf.h"
#include "util.h"

/* The folders on the way down, to notice a symlink that loops back. */
struct dir_stack {
    dev_t dev[GX_MAX_WALK_DEPTH];
    ino_t ino[GX_MAX_WALK_DEPTH];
    size_t depth;
};

void gx_walk_init(struct gx_walk *w)
{
    memset(w, 0, sizeof(*w));
}

void gx_walk_release(struct gx_walk *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->items[i].path);
        free(w->items[i].error);
    }
    free(w->items);
    gx_walk_init(w);
}

/* path and rel in one block; rel is mostly path's own end. */
static void set_paths(struct gx_input *in, const char *path, const char *rel)
{
    size_t lp = strlen(path), lr = strlen(rel);
    int suffix = lr <= lp && !strcmp(path + lp - lr, rel);
    in->path = gx_xmalloc(lp + 1 + (suffix ? 0 : lr + 1));
    memcpy(in->path, path, lp + 1);
    if (suffix) {
        in->relpath = in->path + lp - lr;
    } else {
        memcpy(in->path + lp + 1, rel, lr + 1);
        in->relpath = in->path + lp + 1;
    }
}

static void push_item(struct gx_walk *w, const char *path, const char *rel,
                      enum gx_input_kind kind)
{
    GX_GROW(w->items, w->n + 1, w->cap);
    set_paths(&w->items[w->n], path, rel);
    w->items[w->n].kind = kind;
    w->items[w->n].status = GX_OK;
    w->items[w->n].error = NULL;
    w->n++;
}

/* An entry the walk could not take, listed with its reason. */
static void push_failure(struct gx_walk *w, const char *path, const char *rel,
                         int errnum, const char *what)
{
    struct gx_diag d = {0};
    enum gx_input_kind kind = gx_input_kind_of(path);
    push_item(w, path, *rel ? rel : path, kind);
    if (errnum && what) gx_diag_errno(&d, GX_ERR_IO, errnum, "%s", what);
    else if (errnum) gx_diag_errno(&d, GX_ERR_IO, errnum, NULL);
    else gx_diag_set(&d, GX_ERR_IO, "%s", what);
    w->items[w->n - 1].status = d.status;
    w->items[w->n - 1].error = gx_xstrdup(d.message);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t sorted_entries(DIR *dp, char ***names)
{
    size_t n = 0, cap = 0;
    struct dirent *e;
    *names = NULL;
    while ((e = readdir(dp)))
        if (e->d_name[0] != '.') {
            GX_GROW(*names, n + 1, cap);
            (*names)[n++] = gx_xstrdup(e->d_name);
        }
    if (n) qsort(*names, n, sizeof(char *), cmp_names);
    return n;
}

static int on_stack(const struct dir_stack *s, const struct stat *st)
{
    for (size_t i = 0; i < s->depth; i++)
        if (s->dev[i] == st->st_dev && s->ino[i] == st->st_ino) return 1;
    return 0;
}

static void walk_dir(struct gx_walk *w, const char *dir, const char *rel,
                     struct dir_stack *stack);

static void walk_entry(struct gx_walk *w, const char *path, const char *rel,
                       struct dir_stack *stack)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) push_failure(w, path, rel, 0, "link to nothing");
        else push_failure(w, path, rel, errno, "cannot follow");
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (on_stack(stack, &st)) {
            push_failure(w, path, rel, 0,
                         "link back to a folder above it, not walked again");
            return;
        }
        if (stack->depth >= GX_MAX_WALK_DEPTH) {
            char what[80];
            snprintf(what, sizeof(what), "folders nested deeper than %u",
                     GX_MAX_WALK_DEPTH);
            push_failure(w, path, rel, 0, what);
            return;
        }
        stack->dev[stack->depth] = st.st_dev;
        stack->ino[stack->depth++] = st.st_ino;
        walk_dir(w, path, rel, stack);
        stack->depth--;
    } else if (S_ISREG(st.st_mode)) {
        enum gx_input_kind kind = gx_input_kind_probe(path);
        if (kind != GX_INPUT_NONE) push_item(w, path, rel, kind);
    }
}

static void walk_dir(struct gx_walk *w, const char *dir, const char *rel,
                     struct dir_stack *stack)
{
    DIR *dp = opendir(dir);
    char **names;
    if (!dp) {
        push_failure(w, dir, rel, errno, "cannot open the folder");
        return;
    }
    size_t n = sorted_entries(dp, &names);
    closedir(dp);
    for (size_t i = 0; i < n; i++) {
        struct gx_strbuf path = GX_STRBUF_INIT, sub = GX_STRBUF_INIT;
        gx_strbuf_adds(&path, dir);
        if (path.len && path.buf[path.len - 1] != '/') gx_strbuf_addch(&path, '/');
        gx_strbuf_adds(&path, names[i]);
        if (*rel) {
            gx_strbuf_adds(&sub, rel);
            gx_strbuf_addch(&sub, '/');
        }
        gx_strbuf_adds(&sub, names[i]);
        walk_entry(w, path.buf, sub.buf, stack);
        gx_strbuf_release(&path);
        gx_strbuf_release(&sub);
        free(names[i]);
    }
    free(names);
}

void gx_walk_add(struct gx_walk *w, const char *arg)
{
    struct stat st;
    const char *base = strrchr(arg, '/');
    const char *name = base && base[1] ? base + 1 : arg;
    if (stat(arg, &st) != 0) {
        push_failure(w, arg, name, errno, NULL);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        struct dir_stack stack = {.depth = 1};
        stack.dev[0] = st.st_dev;
        stack.ino[0] = st.st_ino;
        walk_dir(w, arg, "", &stack);
        return;
    }
    enum gx_input_kind kind = gx_input_kind_probe(arg);
    push_item(w, arg, name, kind == GX_INPUT_NONE ? GX_INPUT_TEXT : kind);
}
