#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum gx_status gx_diag_set(struct gx_diag *d, enum gx_status status,
                           const char *fmt, ...)
{
    va_list ap;
    d->status = status;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof(d->message), fmt, ap);
    va_end(ap);
    return status;
}

/* "Permission denied" -> "permission denied"; "I/O error" stays. */
static void lower_first_word(char *s)
{
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
        s[0] = (char)(s[0] - 'A' + 'a');
}

enum gx_status gx_diag_errno(struct gx_diag *d, enum gx_status status,
                             int errnum, const char *fmt, ...)
{
    char reason[256];
    size_t n = 0;
    if (strerror_r(errnum, reason, sizeof(reason)) != 0)
        snprintf(reason, sizeof(reason), "error %d", errnum);
    lower_first_word(reason);
    d->status = status;
    d->message[0] = '\0';
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->message, sizeof(d->message), fmt, ap);
        va_end(ap);
        n = strlen(d->message);
    }
    snprintf(d->message + n, sizeof(d->message) - n, "%s%s", n ? ": " : "",
             reason);
    return status;
}

const char *gx_status_name(enum gx_status status)
{
    static const char *const names[] = {
        [GX_OK] = "ok",
        [GX_ERR_IO] = "unreadable",
        [GX_ERR_DECODE] = "undecodable",
        [GX_ERR_UNSUPPORTED] = "unsupported",
        [GX_ERR_FORMAT] = "damaged",
        [GX_ERR_LIMIT] = "too large",
        [GX_ERR_NO_TEXT] = "no text layer",
        [GX_ERR_NOT_REPORT] = "not a report",
        [GX_ERR_TOOL] = "reader failed",
    };
    if ((unsigned)status < sizeof(names) / sizeof(names[0]) && names[status])
        return names[status];
    return "error";
}
