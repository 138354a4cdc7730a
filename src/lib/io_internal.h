/* SPDX-License-Identifier: MIT */
/*
 * rg_write_file_atomic in its two halves (io.c), for writers that fsync
 * several files at once and rename them in order (graph_writer.c).
 */
#ifndef RG_LIB_IO_INTERNAL_H
#define RG_LIB_IO_INTERNAL_H

#include "common.h"
#include "strbuf.h"

/* Write data to a new temporary file beside path (its name left in tmp),
 * fsync and close it. On failure the temporary is removed, tmp emptied and
 * the message names path. @return RG_OK, RG_EIO or RG_ERROR (memory) */
int rg_io__write_temp(rg_strbuf *tmp, const char *path, const void *data, size_t len);

/* Rename the temporary in tmp over path (on failure it is removed); tmp is
 * emptied. @return RG_OK or RG_EIO */
int rg_io__commit_temp(rg_strbuf *tmp, const char *path);

#endif
