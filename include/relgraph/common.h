/* SPDX-License-Identifier: MIT */
/*
 * Common definitions: export macro, status codes, version, library init.
 * Every public int function returns RG_OK or a negative rg_status and sets
 * the thread's last error (see errors.h).
 */
#ifndef RELGRAPH_COMMON_H
#define RELGRAPH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) && __GNUC__ >= 4
#  define RG_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
#  define RG_EXTERN(type) extern type
#endif

#define RG_VERSION_MAJOR 0
#define RG_VERSION_MINOR 1
#define RG_VERSION_PATCH 0
#define RG_VERSION "0.1.0"

typedef enum {
    RG_OK        =  0,
    RG_ERROR     = -1,  /* generic / unexpected (incl. OOM; message says so) */
    RG_EIO       = -2,  /* cannot open/read/write a file */
    RG_EPARSE    = -3,  /* malformed input: JSON line, dictionary, option value */
    RG_EENCODING = -4,  /* undecodable input text */
    RG_EINVAL    = -5,  /* bad argument value (runtime, not programmer error) */
    RG_EGRAPH    = -6,  /* igraph reported an error */
    RG_EEXPORT   = -7,  /* graphviz / jansson failure */
    RG_ENOTFOUND = -8,  /* lookup miss where the caller asked for an error */
    RG_ELIMIT    = -9   /* a configured limit was exceeded */
} rg_status;

/**
 * Initialise the library: installs igraph's error and warning handlers
 * (igraph's default handler aborts the process). Call once per process
 * before any graph function; counts nested calls.
 * @return RG_OK
 */
RG_EXTERN(int) rg_init(void);

/** Undo rg_init(): restores the previous igraph handlers on the last call. */
RG_EXTERN(void) rg_shutdown(void);

/** The library version string, e.g. "0.1.0". */
RG_EXTERN(const char *) rg_version(void);

#endif
