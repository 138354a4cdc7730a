/* SPDX-License-Identifier: MIT */
/*
 * Exit codes of the relgraph program and the one place where library errors
 * become text (cli_error_lib).
 */
#ifndef RG_CLI_ERROR_H
#define RG_CLI_ERROR_H

#define RG_EXIT_OK 0     /* success */
#define RG_EXIT_ERROR 1  /* runtime error (I/O, memory, igraph); check: regression found */
#define RG_EXIT_USAGE 2  /* bad command line */
#define RG_EXIT_DATA 3   /* input rejected (encoding, parse, --strict) */

#if defined(__GNUC__)
#  define CLI_PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#  define CLI_PRINTFLIKE(f, a)
#endif

/* Verbosity set by -q / -v: 0 quiet, 1 normal, 2 verbose. */
extern int cli_verbosity;

/* "relgraph: <message>" on stderr; returns RG_EXIT_ERROR. */
int cli_error(const char *fmt, ...) CLI_PRINTFLIKE(1, 2);
/* "relgraph: <message>" for usage errors; hints --help; returns RG_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) CLI_PRINTFLIKE(2, 3);
/* Prints rg_error_last() and maps its code to an exit code (DATA for parse/encoding/limit). */
int cli_error_lib(void);
/* Maps a library status to an exit code without printing. */
int cli_exit_code(int status);

#endif
