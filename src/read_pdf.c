/* read_pdf.c - reading a PDF through poppler's pdftotext -htmlmeta (the
 * text and the metadata title, for a title the pages do not print), and
 * pdfinfo for a title pdftotext may have decoded wrongly.
 *
 * Each tool runs as a child process (posix_spawnp with an argv array,
 * never a shell) with its stdout and stderr on pipes that one poll loop
 * drains, so neither can fill up and block it.  The child gets a time
 * limit and its output a size cap; it is always reaped.  What the text
 * means is pdf_layout.c's business. */
#define _GNU_SOURCE   /* memmem (glibc declares it only for GNU) */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "input_limits.h"
#include "util.h"
#include "normalise.h"
#include "pdf_layout.h"
#include "reader.h"
#include "strbuf.h"
#include "utf8.h"

enum {
    EXIT_EXEC_FAILED = 127,     /* the shell's "command not found" */
    MAX_STDERR_BYTES = 64 * 1024,
    MAX_INFO_BYTES = 1024 * 1024,
    READ_CHUNK = 64 * 1024
};

/* Text beyond this is not a report: 64 MB of text is already far more
 * than any annual report prints, and the layout pass holds it twice. */
#define MAX_TEXT_BYTES ((size_t)GX_MAX_FILE_BYTES)

/* One run of a tool: what it is, and what it has printed so far. */
struct child {
    const char *const *argv;    /* argv[0] is the program */
    size_t out_cap;             /* stdout beyond this fails the run */
    unsigned timeout;           /* seconds it may take */
    pid_t pid;
    long long deadline;         /* CLOCK_MONOTONIC ms when it is killed */
    int out_fd, err_fd;         /* -1 once closed */
    struct gx_strbuf out, err;
};

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

/* Moves fd above the standard three with close-on-exec set: should the
 * parent run with stdout closed, a pipe end at 1 would be clobbered by
 * the child's dup2 calls. */
static int raise_fd(int fd)
{
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    close(fd);
    return moved;
}

static int make_pipe(int fds[2])
{
    if (pipe(fds) != 0) return -1;
    fds[0] = raise_fd(fds[0]);
    fds[1] = raise_fd(fds[1]);
    if (fds[0] >= 0 && fds[1] >= 0) return 0;
    close_fd(&fds[0]);
    close_fd(&fds[1]);
    return -1;
}

/* Failures to find or run the program: the tool is as good as missing
 * (what a forked child's exit status 127 said before). */
static int is_exec_error(int err)
{
    return err == ENOENT || err == EACCES || err == ENOEXEC || err == ENOTDIR ||
           err == ELOOP || err == ENAMETOOLONG || err == EPERM;
}

/* stdin from /dev/null, stdout and stderr to the pipes.  posix_spawnp,
 * not fork: a fork copies the page tables of a gairx holding thousands
 * of reports, for every PDF (7.7 % of the samples of a PDF batch). */
static int spawn_tool(pid_t *pid, const char *const *argv, int out_w, int err_w)
{
    posix_spawn_file_actions_t fa;
    extern char **environ;
    int err = posix_spawn_file_actions_init(&fa);
    if (err) return err;
    err = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                           O_RDONLY, 0);
    if (!err) err = posix_spawn_file_actions_adddup2(&fa, out_w, STDOUT_FILENO);
    if (!err) err = posix_spawn_file_actions_adddup2(&fa, err_w, STDERR_FILENO);
    if (!err)
        err = posix_spawnp(pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return err;
}

static enum gx_status start_child(struct child *c, struct gx_diag *d)
{
    int out[2], err[2];
    if (make_pipe(out) != 0) goto no_pipe;
    if (make_pipe(err) != 0) {
        close(out[0]);
        close(out[1]);
        goto no_pipe;
    }
    int spawn_errno = spawn_tool(&c->pid, c->argv, out[1], err[1]);
    close(out[1]);
    close(err[1]);
    c->out_fd = out[0];
    c->err_fd = err[0];
    if (!spawn_errno) return GX_OK;
    close_fd(&c->out_fd);
    close_fd(&c->err_fd);
    if (is_exec_error(spawn_errno))
        return gx_diag_set(d, GX_ERR_TOOL, "%s not found (install poppler-utils)",
                           c->argv[0]);
    return gx_diag_errno(d, GX_ERR_TOOL, spawn_errno, "cannot start %s",
                         c->argv[0]);
no_pipe:
    return gx_diag_errno(d, GX_ERR_TOOL, errno, "cannot start %s",
                         c->argv[0]);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what is there on *fd into sb, keeping at most `cap` bytes (the
 * rest is read and dropped so the child never blocks on a full pipe).
 * Returns 1 when bytes were dropped. */
static int drain(int *fd, struct gx_strbuf *sb, size_t cap)
{
    char buf[READ_CHUNK];
    ssize_t n = read(*fd, buf, sizeof(buf));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
    if (n <= 0) {
        close_fd(fd);
        return 0;
    }
    size_t room = cap > sb->len ? cap - sb->len : 0;
    size_t keep = (size_t)n < room ? (size_t)n : room;
    gx_strbuf_add(sb, buf, keep);
    return keep < (size_t)n;
}

static enum gx_status timed_out(const struct child *c, struct gx_diag *d)
{
    return gx_diag_set(d, GX_ERR_LIMIT, "%s took longer than %u s",
                       c->argv[0], c->timeout);
}

/* Collects the child's output until both pipes close, the deadline
 * passes or stdout outgrows its cap. */
static enum gx_status collect_output(struct child *c, struct gx_diag *d)
{
    while (c->out_fd >= 0 || c->err_fd >= 0) {
        struct pollfd pfd[2] = {{c->out_fd, POLLIN, 0}, {c->err_fd, POLLIN, 0}};
        long long left = c->deadline - now_ms();
        if (left <= 0) return timed_out(c, d);
        int ready = poll(pfd, 2, left > 1000 ? 1000 : (int)left);
        if (ready < 0 && errno != EINTR)
            return gx_diag_errno(d, GX_ERR_TOOL, errno, "cannot read from %s",
                                 c->argv[0]);
        if (ready <= 0) continue;
        if (pfd[0].revents && drain(&c->out_fd, &c->out, c->out_cap))
            return gx_diag_set(d, GX_ERR_LIMIT, "%s printed more than %zu bytes",
                               c->argv[0], c->out_cap);
        if (pfd[1].revents) drain(&c->err_fd, &c->err, MAX_STDERR_BYTES);
    }
    return GX_OK;
}

/* Closes the pipes and reaps the child, killing it first when the run
 * failed or when it outlives its deadline with its pipes closed; returns
 * its wait status, or -1.  A child that closed its pipes is exiting: the
 * pause between looks starts at 0.1 ms and grows to 5 ms, as a fixed 5 ms
 * was a third of a PDF batch's wall time. */
static int finish_child(struct child *c, int kill_it)
{
    struct timespec pause = {0, 100 * 1000};
    int status = 0;
    close_fd(&c->out_fd);
    close_fd(&c->err_fd);
    for (;;) {
        if (kill_it) kill(c->pid, SIGKILL);
        pid_t r = waitpid(c->pid, &status, kill_it ? 0 : WNOHANG);
        if (r == c->pid) return status;
        if (r < 0 && errno != EINTR) return -1;
        if (r == 0) {
            nanosleep(&pause, NULL);
            if (pause.tv_nsec < 5 * 1000 * 1000) pause.tv_nsec *= 2;
        }
        kill_it = kill_it || now_ms() >= c->deadline;
    }
}

/* The line of a tool's complaint to show: its first error, else its
 * first line ("Syntax Warning: May not be a PDF file" comes first). */
static const char *complaint(struct gx_strbuf *sb)
{
    char *line = strstr(sb->buf, "Error");
    if (line) {
        while (line > sb->buf && line[-1] != '\n') line--;
    } else {
        line = sb->buf;
    }
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    return *line ? line : "no message";
}

static enum gx_status check_exit(int status, struct child *c,
                                 struct gx_diag *d)
{
    const char *tool = c->argv[0];
    if (status < 0) return gx_diag_set(d, GX_ERR_TOOL, "lost track of %s", tool);
    if (WIFSIGNALED(status))
        return gx_diag_set(d, GX_ERR_TOOL, "%s was killed by signal %d", tool,
                           WTERMSIG(status));
    if (WEXITSTATUS(status) == EXIT_EXEC_FAILED)
        return gx_diag_set(d, GX_ERR_TOOL,
                           "%s not found (install poppler-utils)", tool);
    if (WEXITSTATUS(status) != 0)
        return gx_diag_set(d, GX_ERR_FORMAT, "%s failed: %s", tool,
                           complaint(&c->err));
    return GX_OK;
}

/* Runs argv; on success `out` (released by the caller) holds its stdout. */
static enum gx_status run_tool(const char *const *argv, size_t out_cap,
                               unsigned timeout,
                               struct gx_strbuf *out, struct gx_diag *d)
{
    struct child c = {argv, out_cap, timeout, -1, 0, -1, -1, GX_STRBUF_INIT,
                      GX_STRBUF_INIT};
    c.deadline = now_ms() + (long long)timeout * 1000;
    enum gx_status st = start_child(&c, d);
    if (st != GX_OK) return st;
    st = collect_output(&c, d);
    int status = finish_child(&c, st != GX_OK);
    if (st == GX_OK && now_ms() >= c.deadline) st = timed_out(&c, d);
    if (st == GX_OK) st = check_exit(status, &c, d);
    if (st == GX_OK) {
        *out = c.out;
        gx_strbuf_init(&c.out);
    }
    gx_strbuf_release(&c.out);
    gx_strbuf_release(&c.err);
    return st;
}

/* pdftotext promises UTF-8; should a broken font map break that promise,
 * bad bytes become U+FFFD rather than reach the cells. */
static void repair_utf8(struct gx_strbuf *text)
{
    if (gx_utf8_valid(text->buf, text->len)) return;
    struct gx_strbuf fixed = GX_STRBUF_INIT;
    char enc[4];
    size_t i = 0, len;
    while (i < text->len) {
        uint32_t cp = gx_utf8_decode(text->buf + i, text->len - i, &len);
        gx_strbuf_add(&fixed, enc, gx_utf8_encode(cp, enc));
        i += len;
    }
    gx_strbuf_release(text);
    *text = fixed;
}

/* The document title from pdfinfo's "Title:" line; an empty buffer when
 * there is none or pdfinfo fails (a title is a bonus, not a need). */
static void read_info_title(const char *path, unsigned timeout,
                            struct gx_strbuf *title)
{
    const char *const argv[] = {"pdfinfo", "-enc", "UTF-8", path, NULL};
    struct gx_strbuf info = GX_STRBUF_INIT;
    struct gx_diag ignored;
    if (run_tool(argv, MAX_INFO_BYTES, timeout, &info, &ignored) == GX_OK) {
        repair_utf8(&info);
        gx_pdf_info_title(info.buf, info.len, title);
    }
    gx_strbuf_release(&info);
}

/* Some PDFs print the title as drawings or on a cover image; their
 * metadata title then becomes the first line, as <title> does for HTML. */
static void add_missing_title(const struct gx_strbuf *title,
                              const struct gx_strbuf *text, struct gx_doc *doc)
{
    if (gx_pdf_title_missing(text->buf, text->len, title->buf)) {
        struct gx_strbuf norm = GX_STRBUF_INIT;
        gx_normalise(title->buf, title->len, &norm);
        gx_line_add_cell(gx_doc_add_line(doc, GX_LINE_TEXT, 1), norm.buf,
                         norm.len);
        gx_strbuf_release(&norm);
    }
}

/* ---- pdftotext -htmlmeta ----------------------------------------------
 * With -htmlmeta pdftotext prints the metadata title in <title> (HTML
 * escaped) and the -layout text, unchanged and unescaped, between
 * "<body>\n<pre>\n" and "</pre>\n</body>\n</html>\n".  One process then
 * does what pdftotext and pdfinfo did, and pdfinfo cost half as much as
 * pdftotext.  pdftotext decodes only UTF-16BE titles; a title it may have
 * read wrongly (UTF-16LE, PDFDocEncoding) is asked of pdfinfo as before. */

static const char body_open[] = "<body>\n<pre>\n";
static const char body_close[] = "</pre>\n</body>\n</html>\n";

/* Whether pdftotext's title is surely what pdfinfo prints: no control
 * characters, nothing a byte-wise decoding yields (U+0080-U+02FF, the
 * PDFDocEncoding punctuation U+2000-U+2FFF and ligatures U+FB00-U+FB06),
 * no space at either end (pdfinfo's line is trimmed). */
static int title_is_plain(const char *t, size_t n)
{
    size_t i = 0, len;
    if (n && (t[0] == ' ' || t[n - 1] == ' ')) return 0;
    while (i < n) {
        uint32_t cp = gx_utf8_decode(t + i, n - i, &len);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x2FF) ||
            (cp >= 0x2000 && cp <= 0x2FFF) || (cp >= 0xFB00 && cp <= 0xFB06) ||
            cp == 0xFFFD)
            return 0;
        i += len;
    }
    return 1;
}

/* Undoes pdftotext's escaping of the title: &amp; &lt; &gt; &quot;
 * &apos;.  Returns 0 on any other entity. */
static int unescape_title(const char *t, size_t n, struct gx_strbuf *out)
{
    static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
                                         {"&gt;", ">"}, {"&quot;", "\""},
                                         {"&apos;", "'"}};
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        if (t[i] != '&') {
            gx_strbuf_addch(out, t[i++]);
            continue;
        }
        while (k < GX_ARRAY_LEN(ent) &&
               (n - i < strlen(ent[k][0]) || memcmp(t + i, ent[k][0], strlen(ent[k][0]))))
            k++;
        if (k == GX_ARRAY_LEN(ent)) return 0;
        gx_strbuf_adds(out, ent[k][1]);
        i += strlen(ent[k][0]);
    }
    return 1;
}

/* The title of the head, when it has one pdfinfo would print the same;
 * 1 when `title` can be trusted (empty when the PDF has none). */
static int head_title(const char *head, size_t n, struct gx_strbuf *title)
{
    const char *open = memmem(head, n, "\n<title>", 8);
    if (!open) return 1;   /* no Title in the Info dictionary */
    open += 8;
    const char *close = memmem(open, n - (size_t)(open - head), "</title>\n", 9);
    if (!close) return 0;
    struct gx_strbuf raw = GX_STRBUF_INIT;
    int ok = unescape_title(open, (size_t)(close - open), &raw) &&
             gx_utf8_valid(raw.buf, raw.len) && title_is_plain(raw.buf, raw.len);
    if (ok) gx_strbuf_add(title, raw.buf, raw.len);
    gx_strbuf_release(&raw);
    return ok;
}

/* Splits pdftotext -htmlmeta output: `out` becomes the layout text and
 * *title_ok says whether `title` holds the metadata title.  Returns 0
 * when the output is not in that shape (a stand-in pdftotext), leaving
 * `out` as it was. */
static int unwrap_htmlmeta(struct gx_strbuf *out, struct gx_strbuf *title,
                           int *title_ok)
{
    size_t cl = sizeof(body_close) - 1, ol = sizeof(body_open) - 1;
    const char *open = memmem(out->buf, out->len, body_open, ol);
    if (!open || out->len < cl ||
        memcmp(out->buf + out->len - cl, body_close, cl))
        return 0;
    size_t head = (size_t)(open - out->buf), start = head + ol,
           end = out->len - cl;
    if (end < start) return 0;
    *title_ok = head_title(out->buf, head, title);
    memmove(out->buf, out->buf + start, end - start);
    out->len = end - start;
    out->buf[out->len] = '\0';
    return 1;
}

/* pdftotext reads a leading '-' as an option; "./" keeps it a file. */
static const char *path_argument(const char *path, struct gx_strbuf *sb)
{
    if (path[0] != '-') return path;
    gx_strbuf_adds(sb, "./");
    gx_strbuf_adds(sb, path);
    return sb->buf;
}

enum gx_status gx_read_pdf(const char *path, unsigned timeout,
                           struct gx_doc *doc, struct gx_diag *d)
{
    struct gx_strbuf text = GX_STRBUF_INIT, arg = GX_STRBUF_INIT,
                     title = GX_STRBUF_INIT;
    const char *file = path_argument(path, &arg);
    /* -htmlmeta after the file: stand-ins (tests/hostile) read it as $4. */
    const char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", file,
                                "-htmlmeta", "-", NULL};
    enum gx_status st;
    int title_ok = 0;
    if (access(path, R_OK) != 0)
        st = gx_diag_errno(d, GX_ERR_IO, errno, NULL);
    else
        st = run_tool(argv, MAX_TEXT_BYTES, timeout, &text, d);
    if (st == GX_OK && !unwrap_htmlmeta(&text, &title, &title_ok))
        gx_strbuf_reset(&title);
    if (st == GX_OK) {
        repair_utf8(&text);
        if (gx_pdf_text_is_empty(text.buf, text.len)) {
            st = gx_diag_set(d, GX_ERR_NO_TEXT,
                             "no text layer (a scanned PDF?)");
        } else {
            if (!title_ok) {
                gx_strbuf_reset(&title);
                read_info_title(file, timeout, &title);
            }
            add_missing_title(&title, &text, doc);
            gx_pdf_layout_to_doc(text.buf, text.len, doc);
        }
    }
    gx_strbuf_release(&title);
    gx_strbuf_release(&text);
    gx_strbuf_release(&arg);
    return st;
}
