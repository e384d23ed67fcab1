/* main.c - parse options, run the batch, map the result to an exit code. */
#include "cli.h"
#include "run.h"

int main(int argc, char **argv)
{
    struct gx_options opts;
    int rc = gx_cli_parse(argc, argv, &opts);
    if (rc >= 0) return rc;
    rc = gx_run(&opts);
    gx_options_release(&opts);
    return rc;
}
