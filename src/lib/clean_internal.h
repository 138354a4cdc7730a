/* SPDX-License-Identifier: MIT */
/*
 * Private interface between clean.c (lines and boilerplate) and
 * clean_html.c (HTML pass): the output buffer with its byte map.
 */
#ifndef RG_LIB_CLEAN_INTERNAL_H
#define RG_LIB_CLEAN_INTERNAL_H

#include <stddef.h>

/* Output text plus map: map[i] = input offset of p[i]. */
typedef struct {
    char *p;
    size_t *map;
    size_t len;
    size_t cap;
} clean_out;

/* Room for `extra` more bytes (and a NUL); RG_OK or RG_ERROR (OOM set). */
int rg_clean__out_reserve(clean_out *o, size_t extra);

/* Appends n bytes, all produced by the input byte at `src`. */
int rg_clean__out_put(clean_out *o, const char *s, size_t n, size_t src);

/* 2: the text has HTML tags; 1: only entities; 0: plain text. */
int rg_clean__html_detect(const char *t, size_t len);

/*
 * The HTML pass over t[0..len) into o (mode 2: full HTML; mode 1: entities
 * only), each output byte mapped to an offset in t.
 * @return RG_OK or RG_ERROR (OOM)
 */
int rg_clean__html_strip(clean_out *o, const char *t, size_t len, int mode);

#endif
