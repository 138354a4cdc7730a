/* SPDX-License-Identifier: MIT */
/*
 * Crash-safe file output: data is written to a temporary file in the same
 * folder, flushed, and renamed over the target, so an interrupted run never
 * leaves a truncated file and the previous version survives until the rename.
 */
#ifndef RELGRAPH_IO_H
#define RELGRAPH_IO_H

#include "common.h"

/**
 * Write `len` bytes to `path` atomically (temp file + fsync + rename).
 * @return RG_OK or RG_EIO (message names the path and the system error)
 */
RG_EXTERN(int) rg_write_file_atomic(const char *path, const void *data, size_t len);

/**
 * Read a whole file (or stdin for "-") into memory, NUL-terminated.
 * @param[out] out  free with rg_free()
 * @param max       refuse files larger than this (RG_ELIMIT); 0 = no limit
 * @return RG_OK, RG_EIO, RG_ELIMIT, RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_read_file(char **out, size_t *out_len, const char *path, size_t max);

/** Create a directory and its parents (mode 0755). @return RG_OK or RG_EIO */
RG_EXTERN(int) rg_mkdir_p(const char *path);

/**
 * A streamed output file, written to a temporary file beside `path` and
 * renamed by rg_outfile_commit(); rg_outfile_abort() removes the temporary.
 * "-" writes to stdout (no rename).
 */
typedef struct rg_outfile rg_outfile;

RG_EXTERN(int) rg_outfile_open(rg_outfile **out, const char *path);
/** @return RG_OK or RG_EIO (message names the path: disk full, ...) */
RG_EXTERN(int) rg_outfile_write(rg_outfile *f, const void *data, size_t len);
/** Flush, fsync, rename; frees f in all cases. @return RG_OK or RG_EIO */
RG_EXTERN(int) rg_outfile_commit(rg_outfile *f);
/** Remove the temporary file and free f (NULL is a no-op). */
RG_EXTERN(void) rg_outfile_abort(rg_outfile *f);

#endif
