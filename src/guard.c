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

/* Written only while `armed` is 0, read by the handler only while it is 1:
 * the handler never sees a half-copied name. */
static char temp_path[PATH_MAX];
static volatile sig_atomic_t armed;

/* Only async-signal-safe calls: unlink, write, _exit. */
static void on_signal(int sig)
{
    static const char msg[] =
        "gairx: stopped by a signal; the output was not written "
        "(an earlier file of that name is left as it was)\n";
    (void)sig;
    if (armed) unlink(temp_path);
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

/* mkstemp(tmpl), armed for the handler. */
static int armed_mkstemp(char *tmpl)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    armed = 0;
    int fd = mkstemp(tmpl);
    int e = errno;
    size_t n = strlen(tmpl);
    if (fd >= 0 && n < sizeof(temp_path)) {   /* longer: left unarmed */
        memcpy(temp_path, tmpl, n + 1);
        armed = 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return fd;
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
        gx_guard_clear();
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
