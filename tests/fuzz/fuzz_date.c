/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the date parsers (ISO metadata dates, the leading "date
 * YYYY-MM" token, French dates near the top of the text). Checks: every
 * date found is a real calendar date (year 1000..2999, month 0..12, day
 * 0..31 and only with a month), the header token ends inside the text, and
 * formatting a found date parses back to the same date.
 */
#include <stdint.h> /* uint8_t */
#include <string.h> /* strlen */

#include <relgraph/date.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const rg_date *d)
{
    char buf[16];
    rg_date back;

    FUZZ_ASSERT(d->year >= 1000 && d->year <= 2999);
    FUZZ_ASSERT(d->month >= 0 && d->month <= 12);
    FUZZ_ASSERT(d->day >= 0 && d->day <= 31);
    FUZZ_ASSERT(d->day == 0 || d->month != 0);
    rg_date_format(buf, sizeof buf, d);
    FUZZ_ASSERT(rg_date_parse_iso(&back, buf, strlen(buf)) == RG_OK);
    FUZZ_ASSERT(rg_date_cmp(&back, d) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    rg_date d;
    size_t end = 0;

    if (rg_date_parse_iso(&d, s, size) == RG_OK) {
        check_date(&d);
    }
    if (rg_date_find_header(&d, &end, s, size) == 1) {
        check_date(&d);
        FUZZ_ASSERT(end <= size);
    }
    if (rg_date_find_text(&d, s, size, 600) == 1) {
        check_date(&d);
    }
    if (rg_date_find_text(&d, s, size, size / 2) == 1) {
        check_date(&d);
    }
    return 0;
}
