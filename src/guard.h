/* guard.h - the previous output survives an interrupted run.
 *
 * Outputs are written to a temporary file beside their name and renamed
 * into place when complete.  When SIGINT, SIGTERM or SIGHUP arrives, the
 * guard removes the temporary file being written, says so on stderr and
 * ends the process with status 3 (output not written), so the old file of
 * that name is untouched and cron sees a failure.  SIGXFSZ (a file size
 * limit, `ulimit -f`) is ignored, so that a write past the limit fails
 * like a full disk instead of killing the process.
 *
 * Several files that belong together (the CSV files) are all written to
 * temporary files first and renamed one after another with signals held
 * back (gx_guard_hold), so a signal never leaves a new file beside an old
 * one.
 *
 * The handler must find the temporary files' names without any argument:
 * that is the one piece of process-wide state, kept in guard.c. */
#ifndef GX_GUARD_H
#define GX_GUARD_H

#include <signal.h>

/* The most temporary files armed at once. */
enum { GX_GUARD_MAX_TEMPS = 8 };

/* Installs the handlers; call once, before any output is written. */
void gx_guard_install(void);
/* Creates ".NAME.tmpXXXXXX" beside `path`, empty, with the mode a new
 * file would get, and adds it to those to remove on a signal (signals
 * are held back meanwhile, so that no file is created that the handler
 * does not know of).  Returns its descriptor and sets *tmp to
 * its name (the caller frees it); -1 with errno set and *tmp NULL when it
 * cannot be made. */
int gx_guard_temp_beside(const char *path, char **tmp);
/* The temporary files are renamed or removed: nothing to clean up. */
void gx_guard_clear(void);
/* Holds SIGINT, SIGTERM and SIGHUP back (the previous mask in *old) until
 * gx_guard_resume: for steps that must not be cut in two. */
void gx_guard_hold(sigset_t *old);
void gx_guard_resume(const sigset_t *old);

#endif
