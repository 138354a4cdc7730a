/* SPDX-License-Identifier: MIT */
/* The one place where library errors become text on stderr. */
#include <stdarg.h> /* va_list */
#include <stdio.h>  /* fprintf, vfprintf */

#include <relgraph/errors.h>
#include "error.h"

int cli_verbosity = 1;

int cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("relgraph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return RG_EXIT_ERROR;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fputs("relgraph: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'relgraph %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return RG_EXIT_USAGE;
}

int cli_exit_code(int status)
{
    switch (status) {
    case RG_OK:
        return RG_EXIT_OK;
    case RG_EPARSE:
    case RG_EENCODING:
    case RG_ELIMIT:
        return RG_EXIT_DATA;
    case RG_EINVAL:
        return RG_EXIT_USAGE;
    default:
        return RG_EXIT_ERROR;
    }
}

int cli_error_lib(void)
{
    const rg_error *e = rg_error_last();

    fprintf(stderr, "relgraph: %s\n", e ? e->message : "unknown error");
    return cli_exit_code(e ? e->code : RG_ERROR);
}
