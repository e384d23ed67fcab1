/* textfile.h - gairx's own data files (the gazetteer, a --regions map):
 * read whole, and refused unless they are UTF-8 text. */
#ifndef GX_TEXTFILE_H
#define GX_TEXTFILE_H

#include "diag.h"

/* The whole file, NUL-terminated; the caller frees it.  NULL with d
 * filled ("PATH: reason") when it cannot be read, is larger than
 * GX_MAX_FILE_BYTES, or is not UTF-8 text (a NUL byte included). */
char *gx_textfile_read(const char *path, struct gx_diag *d);

#endif
