/* SPDX-License-Identifier: MIT */
/*
 * Dates of articles: partial calendar dates (year, year-month or full date),
 * parsed from metadata (ISO), from a leading "date YYYY[-MM[-DD]]" token, or
 * from a French date near the top of the text.
 */
#ifndef RELGRAPH_DATE_H
#define RELGRAPH_DATE_H

#include "common.h"

typedef struct {
    int year;  /* 0 = no date */
    int month; /* 1..12, 0 = unknown */
    int day;   /* 1..31, 0 = unknown */
} rg_date;

typedef enum {
    RG_DATE_NONE = 0,  /* undated */
    RG_DATE_METADATA,  /* JSONL date field */
    RG_DATE_MANIFEST,  /* --manifest TSV */
    RG_DATE_OPTION,    /* --date */
    RG_DATE_HEADER,    /* leading "date YYYY-MM" token */
    RG_DATE_TEXT       /* French date near the top of the text */
} rg_date_source;

/** "metadata", "manifest", "option", "header", "text" or "none". */
RG_EXTERN(const char *) rg_date_source_name(rg_date_source src);

/**
 * Parse an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (also "YYYY-MM-DDT..."
 * and "YYYY/MM/DD"); the calendar is checked (2017-02-29 and 2017-13-45 are
 * rejected). Years 1000..2999.
 * @return RG_OK or RG_EPARSE (message names the value)
 */
RG_EXTERN(int) rg_date_parse_iso(rg_date *out, const char *s, size_t len);

/**
 * Look for a leading date token: optional white space, the word "date"
 * (any case), white space, then YYYY[-MM[-DD]], followed by white space or
 * the end. The token can share the first line with the text.
 * @param[out] out       the date
 * @param[out] token_end offset just past the token (and its white space)
 * @return 1 found, 0 not found
 */
RG_EXTERN(int) rg_date_find_header(rg_date *out, size_t *token_end,
                                   const char *text, size_t len);

/**
 * Look for a French date near the top of the text (the first `window` bytes,
 * e.g. 600): "30 - Décembre - 2017", "samedi 30 décembre 2017",
 * "30 décembre 2017", "1er mai 2019", "30/12/2017", "décembre 2017".
 * Only the first date found counts; a date inside the text body further down
 * never does.
 * @return 1 found, 0 not found
 */
RG_EXTERN(int) rg_date_find_text(rg_date *out, const char *text, size_t len,
                                 size_t window);

/** Write "YYYY", "YYYY-MM" or "YYYY-MM-DD" into buf (>= 11 bytes); "" if no date. */
RG_EXTERN(void) rg_date_format(char *buf, size_t size, const rg_date *d);

/** Compare two dates, unknown parts sorting first; returns <0, 0, >0. */
RG_EXTERN(int) rg_date_cmp(const rg_date *a, const rg_date *b);

#endif
