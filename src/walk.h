/* walk.h - the input files: the paths given, folders walked recursively in
 * a deterministic (byte-wise sorted) order, hidden entries skipped,
 * symlink loops not followed.  Nothing is dropped silently: a folder that
 * cannot be opened, a dangling or looping link and a path that does not
 * exist become inputs that carry their error, so that they are listed
 * and counted like a file that could not be read. */
#ifndef GX_WALK_H
#define GX_WALK_H

#include <stddef.h>

#include "diag.h"
#include "reader.h"

struct gx_input {
    char *path;      /* as opened; owned, with relpath in one block */
    const char *relpath; /* relative to the folder given, or the file's
                            name; mostly path's own end */
    enum gx_input_kind kind;
    enum gx_status status; /* GX_OK, or why the walk could not take it */
    char *error;           /* owned; the message when status != GX_OK */
};

struct gx_walk {
    struct gx_input *items;   /* owned */
    size_t n, cap;
};

void gx_walk_init(struct gx_walk *w);
/* The reports of a batch borrow their items' path and relpath: release
 * the walk after them. */
void gx_walk_release(struct gx_walk *w);
/* Adds a file (taken whatever its extension) or a folder's report files;
 * what cannot be walked is added as an input with its error. */
void gx_walk_add(struct gx_walk *w, const char *arg);

#endif
