#include "textfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "input_limits.h"
#include "strbuf.h"
#include "utf8.h"

char *gx_textfile_read(const char *path, struct gx_diag *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        gx_diag_errno(d, GX_ERR_IO, errno, "%s", path);
        return NULL;
    }
    struct gx_strbuf sb = GX_STRBUF_INIT;
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof(buf), fp)) > 0 &&
           sb.len + got <= GX_MAX_FILE_BYTES)
        gx_strbuf_add(&sb, buf, got);
    int err = ferror(fp), big = got > 0;
    fclose(fp);
    if (err || big || !gx_utf8_valid(sb.buf, sb.len) ||
        memchr(sb.buf, 0, sb.len)) {
        gx_diag_set(d, err ? GX_ERR_IO : big ? GX_ERR_LIMIT : GX_ERR_DECODE,
                    "%s: %s", path, err ? "read error" : big ? "too large"
                                                            : "not UTF-8 text");
        gx_strbuf_release(&sb);
        return NULL;
    }
    return gx_strbuf_detach(&sb, NULL);
}
