/* reader.c - which reader a file gets, and reading its bytes. */
#define _GNU_SOURCE   /* memmem (glibc declares it only for GNU) */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* Pages saved from a government CMS keep its server's name for them;
 * their bytes decide (a download.jsp may be a PDF), HTML when unclear. */
static const char *const web_exts[] = {".shtml", ".shtm", ".xhtml", ".jhtml",
                                       ".asp", ".aspx", ".jsp", ".php",
                                       ".do", ".action"};

/* Bytes read to tell what an unnamed file holds. */
enum { SNIFF_BYTES = 4096 };

enum gx_input_kind gx_input_kind_of(const char *path)
{
    for (size_t i = 0; i < GX_ARRAY_LEN(kinds); i++)
        if (gx_str_ends_with_ci(path, kinds[i].ext)) return kinds[i].kind;
    return GX_INPUT_NONE;
}

static int is_web_name(const char *path)
{
    for (size_t i = 0; i < GX_ARRAY_LEN(web_exts); i++)
        if (gx_str_ends_with_ci(path, web_exts[i])) return 1;
    return 0;
}

static int has_bytes(const char *s, size_t n, const char *want, size_t len)
{
    return memmem(s, n, want, len) != NULL;
}

static int has_word_ci(const char *s, size_t n, const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; i + len <= n; i++)
        if (!strncasecmp(s + i, word, len)) return 1;
    return 0;
}

/* What the first bytes of a file say it is; GX_INPUT_NONE when they say
 * nothing.  A report's title names 政府信息公开 at its top, in UTF-8,
 * GB18030 or UTF-16LE. */
static enum gx_input_kind kind_of_bytes(const char *s, size_t n)
{
    static const char gb_title[] = "\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa";
    static const char u16_title[] = "\xe1\x4f\x6f\x60\x6c\x51\x00\x5f";
    if (has_bytes(s, n < 1024 ? n : 1024, "%PDF-", 5)) return GX_INPUT_PDF;
    if (n >= 4 && !memcmp(s, "PK\x03\x04", 4))
        return has_bytes(s, n, "word/", 5) ? GX_INPUT_DOCX : GX_INPUT_NONE;
    if (has_word_ci(s, n < 1024 ? n : 1024, "<html") ||
        has_word_ci(s, n < 1024 ? n : 1024, "<!doctype html"))
        return GX_INPUT_HTML;
    if (has_bytes(s, n, "政府信息公开", strlen("政府信息公开")) ||
        has_bytes(s, n, gb_title, sizeof(gb_title) - 1) ||
        has_bytes(s, n, u16_title, sizeof(u16_title) - 1))
        return GX_INPUT_TEXT;
    return GX_INPUT_NONE;
}

/* The first SNIFF_BYTES of a regular file; 0 when it cannot be read. */
static size_t read_head(const char *path, char *buf)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat st;
    ssize_t got = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                      ? read(fd, buf, SNIFF_BYTES)
                      : -1;
    close(fd);
    return got > 0 ? (size_t)got : 0;
}

/* A name with no extension ("index", "content_5"): a saved page or a
 * download that kept its URL's last part. */
static int has_no_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    return !strchr(base, '.');
}

enum gx_input_kind gx_input_kind_probe(const char *path)
{
    enum gx_input_kind kind = gx_input_kind_of(path);
    int web = is_web_name(path);
    if (!web && !(kind == GX_INPUT_NONE && has_no_extension(path)))
        return kind;   /* a name that says what it is: .json is not a report */
    char head[SNIFF_BYTES];
    enum gx_input_kind sniffed = kind_of_bytes(head, read_head(path, head));
    if (sniffed != GX_INPUT_NONE) return sniffed;
    return web ? GX_INPUT_HTML : kind;
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
