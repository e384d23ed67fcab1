#include "outname.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void gx_outname_now(struct tm *tm)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v >= 0) {
            time_t t = (time_t)v;
            gmtime_r(&t, tm);
            return;
        }
    }
    time_t now = time(NULL);
    localtime_r(&now, tm);
}

char *gx_outname_expand(const char *pattern, const struct tm *tm)
{
    if (!pattern) return NULL;
    if (!strchr(pattern, '%')) return gx_xstrdup(pattern);
    /* strftime says 0 both for "too long" and for an empty result: a
     * leading character that is cut off afterwards tells them apart. */
    size_t n = strlen(pattern) + 2;
    char *fmt = gx_xmalloc(n), out[PATH_MAX + 1];
    fmt[0] = '|';
    memcpy(fmt + 1, pattern, n - 1);
    size_t len = strftime(out, sizeof(out), fmt, tm);
    free(fmt);
    if (len == 0 || len > PATH_MAX) return NULL;
    return gx_xstrdup(out + 1);
}
