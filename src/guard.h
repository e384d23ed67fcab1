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
 * The handler must find the temporary file's name without any argument:
 * that is the one piece of process-wide state, kept in guard.c. */
#ifndef GX_GUARD_H
#define GX_GUARD_H

/* Installs the handlers; call once, before any output is written. */
void gx_guard_install(void);
/* Creates ".NAME.tmpXXXXXX" beside `path`, empty, with the mode a new
 * file would get, and makes it the one to remove on a signal (one at a
 * time; signals are held back meanwhile, so that no file is created that
 * the handler does not know of).  Returns its descriptor and sets *tmp to
 * its name (the caller frees it); -1 with errno set and *tmp NULL when it
 * cannot be made. */
int gx_guard_temp_beside(const char *path, char **tmp);
/* The temporary file is renamed or removed: nothing to clean up. */
void gx_guard_clear(void);

#endif
