/* util.h - small helpers shared by every module: allocation that never
 * returns NULL, one array-grow idiom, and string helpers. */
#ifndef GX_UTIL_H
#define GX_UTIL_H

#include <stddef.h>

/* Allocate or die: gairx treats out-of-memory as fatal (abort with a
 * message), so callers never carry NULL checks for allocation. */
void *gx_xmalloc(size_t n);
void *gx_xcalloc(size_t count, size_t size);
void *gx_xrealloc(void *p, size_t n);
char *gx_xstrdup(const char *s);
char *gx_xstrndup(const char *s, size_t n);

/* Grow array `arr` (with capacity `cap`) so that it holds at least `need`
 * elements. */
#define GX_GROW(arr, need, cap)                                              \
    do {                                                                     \
        if ((size_t)(need) > (cap)) {                                        \
            size_t gx_nc_ = (cap) ? (cap) * 2 : 8;                           \
            while (gx_nc_ < (size_t)(need)) gx_nc_ *= 2;                     \
            (arr) = gx_xrealloc((arr), gx_nc_ * sizeof(*(arr)));             \
            (cap) = gx_nc_;                                                  \
        }                                                                    \
    } while (0)

#define GX_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

int gx_str_ends_with_ci(const char *s, const char *suffix);

#endif
