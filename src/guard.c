#include "guard.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "strbuf.h"

/* The temporary files being written: the handler removes the first
 * `armed`.  A name is copied in with signals held back and only then
 * counted, so the handler never sees a half-copied one. */
static char temp_paths[GX_GUARD_MAX_TEMPS][PATH_MAX];
static volatile sig_atomic_t armed;

/* Only async-signal-safe calls: unlink, write, _exit. */
static void on_signal(int sig)
{
    static const char msg[] =
        "gairx: stopped by a signal; the output was not written "
        "(an earlier file of that name is left as it was)\n";
    (void)sig;
    for (sig_atomic_t i = 0; i < armed; i++) unlink(temp_paths[i]);
    if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
        /* nothing more can be done */
    }
    _exit(GX_EXIT_NO_OUTPUT);
}

void gx_guard_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}

void gx_guard_hold(sigset_t *old)
{
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, old);
}

void gx_guard_resume(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* mkstemp(tmpl), armed for the handler. */
static int armed_mkstemp(char *tmpl)
{
    sigset_t old;
    gx_guard_hold(&old);
    int fd = mkstemp(tmpl);
    int e = errno;
    size_t n = strlen(tmpl);
    /* A name too long, or one temporary file too many, is left unarmed:
     * a signal then leaves that file behind, nothing worse. */
    if (fd >= 0 && n < PATH_MAX && armed < GX_GUARD_MAX_TEMPS) {
        memcpy(temp_paths[armed], tmpl, n + 1);
        armed++;
    }
    gx_guard_resume(&old);
    errno = e;
    return fd;
}

/* The file just made is gone again: the handler need not remove it. */
static void disarm_last(const char *tmp)
{
    sigset_t old;
    gx_guard_hold(&old);
    if (armed > 0 && !strcmp(temp_paths[armed - 1], tmp)) armed--;
    gx_guard_resume(&old);
}

int gx_guard_temp_beside(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    struct gx_strbuf name = GX_STRBUF_INIT;
    gx_strbuf_add(&name, path, dirlen);
    gx_strbuf_addch(&name, '.');
    gx_strbuf_adds(&name, path + dirlen);
    gx_strbuf_adds(&name, ".tmpXXXXXX");
    mode_t mask = umask(0);
    umask(mask);
    int fd = armed_mkstemp(name.buf);
    if (fd >= 0 && fchmod(fd, 0666 & ~mask) != 0) {
        int e = errno;
        close(fd);
        remove(name.buf);
        disarm_last(name.buf);
        errno = e;
        fd = -1;
    }
    if (fd < 0) {
        int e = errno;
        gx_strbuf_release(&name);
        *tmp = NULL;
        errno = e;
        return -1;
    }
    *tmp = gx_strbuf_detach(&name, NULL);
    return fd;
}

void gx_guard_clear(void)
{
    armed = 0;
}
