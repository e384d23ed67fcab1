/* diag.h - errors as values: a status code and a caller-owned message,
 * printed in one place (gx_diag_print) as "gairx: PATH: message". */
#ifndef GX_DIAG_H
#define GX_DIAG_H

enum gx_status {
    GX_OK = 0,
    GX_ERR_IO,          /* cannot open or read the file */
    GX_ERR_DECODE,      /* bytes are not text in any encoding we know */
    GX_ERR_UNSUPPORTED, /* a format gairx does not read (.doc, .xls, ...) */
    GX_ERR_FORMAT,      /* a broken container (bad zip, bad xml, bad pdf) */
    GX_ERR_LIMIT,       /* a safety limit was hit (size, entries, time) */
    GX_ERR_NO_TEXT,     /* a document with no text layer (a scanned PDF) */
    GX_ERR_NOT_REPORT,  /* readable, but none of the three tables is there */
    GX_ERR_TOOL         /* a helper program (pdftotext) is missing or failed */
};

struct gx_diag {
    enum gx_status status;
    char message[512];  /* lower case, no trailing full stop */
};

/* Sets d and returns d->status, so callers can `return gx_diag_set(...)`. */
enum gx_status gx_diag_set(struct gx_diag *d, enum gx_status status,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* As gx_diag_set, with the system's reason for errnum after the formatted
 * text (or alone when fmt is NULL), lower-cased where it starts a sentence
 * ("permission denied"), as every gairx message is. */
enum gx_status gx_diag_errno(struct gx_diag *d, enum gx_status status,
                             int errnum, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
const char *gx_status_name(enum gx_status status);

#endif
