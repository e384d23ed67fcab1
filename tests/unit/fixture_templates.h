/* fixture_templates.h - the shipped templates, loaded once for a group of
 * cmocka tests that build reports by hand: the templates number the cells
 * a report may have.  Included by a test file only (its functions are
 * static); the test's group runs with load_templates / free_templates. */
#ifndef GX_FIXTURE_TEMPLATES_H
#define GX_FIXTURE_TEMPLATES_H

#include "template.h"

static struct gx_templates *tpl;

static int load_templates(void **state)
{
    struct gx_diag d = {0};
    (void)state;
    tpl = gx_templates_load("templates", &d);
    return tpl ? 0 : -1;
}

static int free_templates(void **state)
{
    (void)state;
    gx_templates_free(tpl);
    return 0;
}

#endif
