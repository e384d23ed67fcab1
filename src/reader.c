/* reader.c - which reader a file gets, and reading its bytes. */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input_limits.h"
#include "util.h"

struct kind_ext {
    const char *ext;
    enum gx_input_kind kind;
};

static const struct kind_ext kinds[] = {
    {".txt", GX_INPUT_TEXT},   {".md", GX_INPUT_TEXT},
    {".text", GX_INPUT_TEXT},  {".html", GX_INPUT_HTML},
    {".htm", GX_INPUT_HTML},   {".docx", GX_INPUT_DOCX},
    {".pdf", GX_INPUT_PDF},    {".doc", GX_INPUT_LEGACY},
    {".wps", GX_INPUT_LEGACY}, {".xls", GX_INPUT_LEGACY},
    {".xlsx", GX_INPUT_LEGACY}, {".et", GX_INPUT_LEGACY},
    {".rtf", GX_INPUT_LEGACY}, {".odt", GX_INPUT_LEGACY},
    {".ofd", GX_INPUT_LEGACY}, {".png", GX_INPUT_LEGACY},
    {".jpg", GX_INPUT_LEGACY}, {".jpeg", GX_INPUT_LEGACY},
    {".tif", GX_INPUT_LEGACY}, {".tiff", GX_INPUT_LEGACY},
    {".gif", GX_INPUT_LEGACY}, {".bmp", GX_INPUT_LEGACY},
    {".zip", GX_INPUT_LEGACY}, {".rar", GX_INPUT_LEGACY},
    {".7z", GX_INPUT_LEGACY},
};

enum gx_input_kind gx_input_kind_of(const char *path)
{
    for (size_t i = 0; i < GX_ARRAY_LEN(kinds); i++)
        if (gx_str_ends_with_ci(path, kinds[i].ext)) return kinds[i].kind;
    return GX_INPUT_NONE;
}

const char *gx_input_kind_name(enum gx_input_kind kind)
{
    switch (kind) {
    case GX_INPUT_TEXT: return "txt";
    case GX_INPUT_HTML: return "html";
    case GX_INPUT_DOCX: return "docx";
    case GX_INPUT_PDF: return "pdf";
    case GX_INPUT_LEGACY: return "other";
    default: return "";
    }
}

static enum gx_status not_regular(struct gx_diag *d)
{
    return gx_diag_set(d, GX_ERR_IO, "not a regular file");
}

/* Reads the whole file, refusing files over the size limit.  A FIFO or
 * device named like a report (given on the command line: the walk skips
 * them) is refused too: opening a FIFO would wait for a writer forever,
 * so it is opened non-blocking and checked before any read. */
static enum gx_status too_large(size_t max_bytes, struct gx_diag *d)
{
    if (max_bytes >= 1024 * 1024 && max_bytes % (1024 * 1024) == 0)
        return gx_diag_set(d, GX_ERR_LIMIT, "larger than %zu MB (--max-size)",
                           max_bytes / (1024 * 1024));
    return gx_diag_set(d, GX_ERR_LIMIT, "larger than %zu bytes (--max-size)",
                       max_bytes);
}

static enum gx_status slurp(const char *path, size_t max_bytes, char **data,
                            size_t *len, struct gx_diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return gx_diag_errno(d, GX_ERR_IO, errno, NULL);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return not_regular(d);
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        close(fd);
        return gx_diag_errno(d, GX_ERR_IO, errno, NULL);
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        fclose(fp);
        return too_large(max_bytes, d);
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0, got;
    char *buf = gx_xmalloc(cap);
    while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n > max_bytes) break;
        if (n == cap) buf = gx_xrealloc(buf, cap *= 2);
    }
    int err = ferror(fp);
    fclose(fp);
    if (err || n > max_bytes) {
        free(buf);
        return err ? gx_diag_set(d, GX_ERR_IO, "read error")
                   : too_large(max_bytes, d);
    }
    *data = buf;
    *len = n;
    return GX_OK;
}

static enum gx_status unsupported(const char *path, struct gx_diag *d)
{
    const char *ext = strrchr(path, '.');
    return gx_diag_set(d, GX_ERR_UNSUPPORTED,
                       "%s files are not read; convert with "
                       "'libreoffice --headless --convert-to docx' (or pdf)",
                       ext ? ext : "these");
}

struct gx_read_opts gx_read_opts_default(void)
{
    return (struct gx_read_opts){GX_MAX_FILE_BYTES, GX_PDF_TIMEOUT_SECONDS};
}

/* pdftotext reads the file itself: only its kind and size are checked. */
static enum gx_status read_pdf(const char *path,
                               const struct gx_read_opts *o,
                               struct gx_doc *doc, struct gx_diag *d)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        if (!S_ISREG(sb.st_mode)) return not_regular(d);
        if ((unsigned long long)sb.st_size > o->max_bytes)
            return too_large(o->max_bytes, d);
    }
    return gx_read_pdf(path, o->pdf_timeout, doc, d);
}

static enum gx_status read_any(const char *path, enum gx_input_kind kind,
                               const struct gx_read_opts *o,
                               struct gx_doc *doc, struct gx_diag *d)
{
    char *data = NULL;
    size_t len = 0;
    enum gx_status st;
    if (kind == GX_INPUT_LEGACY) return unsupported(path, d);
    if (kind == GX_INPUT_PDF) return read_pdf(path, o, doc, d);
    if ((st = slurp(path, o->max_bytes, &data, &len, d)) != GX_OK) return st;
    switch (kind) {
    case GX_INPUT_HTML: st = gx_read_html(data, len, doc, d); break;
    case GX_INPUT_DOCX: st = gx_read_docx(data, len, doc, d); break;
    default: st = gx_read_text(data, len, doc, d); break;
    }
    free(data);
    return st;
}

enum gx_status gx_read_file(const char *path, enum gx_input_kind kind,
                            const struct gx_read_opts *opts,
                            struct gx_doc *doc, struct gx_diag *d)
{
    struct gx_read_opts defaults = gx_read_opts_default();
    enum gx_status st = read_any(path, kind, opts ? opts : &defaults, doc, d);
    if (st == GX_OK && doc->too_long)
        return gx_diag_set(d, GX_ERR_LIMIT, "more than %u lines",
                           GX_MAX_DOC_LINES);
    return st;
}
