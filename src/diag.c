#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

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
