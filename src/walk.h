/* walk.h - the input files: the paths given, folders walked recursively in
 * a deterministic (byte-wise sorted) order, hidden entries skipped,
 * symlink loops not followed. */
#ifndef GX_WALK_H
#define GX_WALK_H

#include <stddef.h>

#include "diag.h"
#include "reader.h"

struct gx_input {
    char *path;      /* as opened */
    char *relpath;   /* relative to the folder given, or the file's name */
    enum gx_input_kind kind;
};

struct gx_walk {
    struct gx_input *items;   /* owned */
    size_t n, cap;
};

void gx_walk_init(struct gx_walk *w);
void gx_walk_release(struct gx_walk *w);
/* Adds a file (taken whatever its extension) or a folder's report files.
 * Returns GX_OK, or an error for a path that cannot be read at all. */
enum gx_status gx_walk_add(struct gx_walk *w, const char *arg,
                           struct gx_diag *d);

#endif
