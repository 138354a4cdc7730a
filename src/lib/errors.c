/* SPDX-License-Identifier: MIT */
/*
 * Thread-local last error. Messages live in a fixed per-thread buffer, so
 * setting an error never allocates (and OOM can always be reported).
 */
#include <stdio.h>  /* vsnprintf, snprintf */
#include <string.h> /* strlen */

#include "common.h"

#define RG_ERROR_MAX 512

static _Thread_local char error_buf[RG_ERROR_MAX];
static _Thread_local rg_error error_last;
static _Thread_local int error_isset;

const rg_error *rg_error_last(void)
{
    return error_isset ? &error_last : NULL;
}

void rg_error_clear(void)
{
    error_isset = 0;
    error_buf[0] = '\0';
}

void rg__error_vset(int code, const char *fmt, va_list ap)
{
    size_t i;

    vsnprintf(error_buf, sizeof error_buf, fmt, ap);
    /* one line: newlines from input data never split a message */
    for (i = 0; error_buf[i]; i++) {
        if (error_buf[i] == '\n' || error_buf[i] == '\r') {
            error_buf[i] = ' ';
        }
    }
    error_last.code = code;
    error_last.message = error_buf;
    error_isset = 1;
}

void rg__error_set(int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    rg__error_vset(code, fmt, ap);
    va_end(ap);
}

void rg__error_set_oom(void)
{
    error_last.code = RG_ERROR;
    error_last.message = "out of memory";
    error_isset = 1;
}

int rg__error_code(void)
{
    return error_isset ? error_last.code : RG_ERROR;
}

void rg__error_keep(rg__kept_error *k, int error, const char *fallback)
{
    const rg_error *e = rg_error_last();

    k->error = error;
    k->code = e ? e->code : error;
    snprintf(k->message, sizeof k->message, "%s", e && e->message ? e->message : fallback);
}

int rg__error_restore(const rg__kept_error *k)
{
    if (k->error != RG_OK) {
        rg__error_set(k->code, "%s", k->message);
    }
    return k->error;
}
