/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the date module: ISO parsing, the leading header token,
 * French dates in the text, formatting and ordering.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <relgraph/date.h>
#include <relgraph/errors.h>

typedef struct {
    const char *in;
    const char *want; /* formatted date, NULL = rejected / not found */
} date_case;

static int fmt_eq(const rg_date *d, const char *want, const char *in)
{
    char buf[16];

    rg_date_format(buf, sizeof buf, d);
    if (strcmp(buf, want) != 0) {
        print_error("input \"%s\": got \"%s\", want \"%s\"\n", in, buf, want);
        return 0;
    }
    return 1;
}

static void test_parse_iso(void **state)
{
    static const date_case cases[] = {
        { "2017", "2017" },
        { "2017-12", "2017-12" },
        { "2017-12-30", "2017-12-30" },
        { " 2017-12-30\n", "2017-12-30" },
        { "2017/12/30", "2017-12-30" },
        { "2020-07-02T10:00:00Z", "2020-07-02" },
        { "2020-07-02 10:00", "2020-07-02" },
        { "2016-02-29", "2016-02-29" },
        { "2000-02-29", "2000-02-29" },
        { "1000-01-01", "1000-01-01" },
        { "2999-12-31", "2999-12-31" },
        { "2017-02-29", NULL },
        { "1900-02-29", NULL },
        { "2017-13-45", NULL },
        { "2017-13", NULL },
        { "2017-00", NULL },
        { "2017-01-00", NULL },
        { "2017-04-31", NULL },
        { "0999", NULL },
        { "3000-01-01", NULL },
        { "17-12-30", NULL },
        { "2017-1-5", NULL },
        { "2017-12/30", NULL },
        { "20171230", NULL },
        { "2017-12T10", NULL },
        { "2017-12-30x", NULL },
        /* 10 bytes with dashes at 4 and 7: the fast path's shape */
        { "2017-12-3a", NULL },
        { "2017-1a-30", NULL },
        { "201a-12-30", NULL },
        { "0999-12-30", NULL },
        { "2017-00-10", NULL },
        { "2017-11-31", NULL },
        { "2017-12-00", NULL },
        { "2017-12- 3", NULL },
        { "", NULL },
        { "date", NULL },
    };
    size_t k, bad = 0;

    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        rg_date d = { 9, 9, 9 };
        int rc = rg_date_parse_iso(&d, cases[k].in, strlen(cases[k].in));
        if (cases[k].want) {
            if (rc != RG_OK) {
                print_error("\"%s\" rejected\n", cases[k].in);
                bad++;
            } else {
                bad += !fmt_eq(&d, cases[k].want, cases[k].in);
            }
        } else {
            if (rc != RG_EPARSE || d.year != 0 || rg_error_last() == NULL ||
                rg_error_last()->code != RG_EPARSE) {
                print_error("\"%s\" accepted or wrong error\n", cases[k].in);
                bad++;
            }
            rg_error_clear();
        }
    }
    assert_int_equal(bad, 0);
}

static void test_parse_iso_message(void **state)
{
    rg_date d;

    (void)state;
    assert_int_equal(rg_date_parse_iso(&d, "2017-13-45", 10), RG_EPARSE);
    assert_non_null(rg_error_last());
    assert_non_null(strstr(rg_error_last()->message, "2017-13-45"));
    rg_error_clear();
}

static void test_find_header(void **state)
{
    static const struct {
        const char *in;
        const char *want;
        size_t end; /* expected token_end when found */
    } cases[] = {
        { " date 2018-12 Le président russe", "2018-12", 14 },
        { "date 2018-12-31\nTexte", "2018-12-31", 16 },
        { "date 2018 Texte", "2018", 10 },
        { "DATE 2017-01 ADVERTISEMENT", "2017-01", 13 },
        { "\n\t Date\t2017-01-20", "2017-01-20", 18 },
        { "\xEF\xBB\xBF" "date 2019-05 x", "2019-05", 16 },
        { "date 2018-12", "2018-12", 12 },
        { "dateline 2018-12 x", NULL, 0 },
        { "date: 2018-12 x", NULL, 0 },
        { "date 2018-12x", NULL, 0 },
        { "date 2018-13 x", NULL, 0 },
        { "date 2018-02-30 x", NULL, 0 },
        { "date 18-12 x", NULL, 0 },
        { "date2018-12 x", NULL, 0 },
        { "la date 2018-12 x", NULL, 0 },
        { "Le président russe", NULL, 0 },
        { "", NULL, 0 },
        { "date", NULL, 0 },
        { "date ", NULL, 0 },
    };
    size_t k, bad = 0;

    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        rg_date d = { 9, 9, 9 };
        size_t end = 77;
        int found = rg_date_find_header(&d, &end, cases[k].in,
                                        strlen(cases[k].in));
        if (cases[k].want) {
            if (!found || end != cases[k].end) {
                print_error("\"%s\": found %d end %zu\n", cases[k].in, found,
                            end);
                bad++;
            } else {
                bad += !fmt_eq(&d, cases[k].want, cases[k].in);
            }
        } else if (found || d.year != 0 || end != 0) {
            print_error("\"%s\": unexpected token\n", cases[k].in);
            bad++;
        }
    }
    /* token_end may be NULL */
    {
        rg_date d;
        assert_int_equal(rg_date_find_header(&d, NULL, "date 2017 x", 11), 1);
        assert_int_equal(d.year, 2017);
    }
    assert_int_equal(bad, 0);
}

static void test_find_text(void **state)
{
    static const date_case cases[] = {
        { "Poutine propose à Trump une « coopération »\n\n"
          "30 - Décembre - 2017\n\nLe président russe", "2017-12-30" },
        { "Paris, samedi 30 décembre 2017 - Le président", "2017-12-30" },
        { "publié le 30 décembre 2017 à 10h", "2017-12-30" },
        { "Le 1er mai 2019\nLes syndicats", "2019-05-01" },
        { "le 1ER MAI 2019", "2019-05-01" },
        { "Poutine a parlé le 2 mai 2017 avec Trump", NULL }, /* running text */
        { "Le 1er mai 2019, les syndicats", NULL },
        { "Mis à jour le 30/12/2017 à 10:00", "2017-12-30" },
        { "Mis à jour le 30.12.2017", "2017-12-30" },
        { "Mis à jour le 3-1-2018", "2018-01-03" },
        { "Paris (AFP) 2017-12-30 Le président", "2017-12-30" },
        { "le 12 fevrier 2018", "2018-02-12" },
        { "le 12 février 2018", "2018-02-12" },
        { "le 12 FÉVRIER 2018", "2018-02-12" },
        { "le 15 aout 2018 | le 15 août 2019", "2018-08-15" },
        { "le 15 août 2019", "2019-08-15" },
        { "le 5 janv. 2020", "2020-01-05" },
        { "le 5 févr. 2020", "2020-02-05" },
        { "le 24 déc. 2016", "2016-12-24" },
        { "le 24 decembre 2016", "2016-12-24" },
        { "le 3 sept. 2016", "2016-09-03" },
        { "le 1er juillet 2016", "2016-07-01" },
        { "le 30\xC2\xA0novembre\xC2\xA0" "2016", "2016-11-30" },
        { "En décembre 2017\nMoscou", "2017-12" },
        { "En décembre 2017, Moscou a", NULL },
        { "en Mars 2016 déjà", "2016-03" },
        { "le 29 février 2016", "2016-02-29" },
        { "le 29 février 2017", NULL },
        { "le 31 février 2018", NULL },
        { "le 31 avril 2018", NULL },
        { "le 45/13/2017", NULL },
        { "le 32 janvier 2018", NULL },
        { "sept 2017 personnes", NULL },
        { "le 12 mai sans année", NULL },
        { "en 2017 seulement", NULL },
        { "environ 30 décembre 20170", NULL },
        { "le 31 février 2018\nle 2 mars 2018", "2018-03-02" },
        { "Aucune date ici.", NULL },
        /* history is not the article's date */
        { "Poutine est né le 7 octobre 1952 à Léningrad.", NULL },
        { "Vladimir Poutine, né le 7 octobre 1952, a affirmé", NULL },
        { "Depuis mars 2014, Moscou et Kiev", NULL },
        { "Mis à jour le 30/12/2017 à 10h30", "2017-12-30" },
        /* a dateline wins over an earlier date in running text */
        { "Le 11 septembre 2001, l'Amérique était frappée.\n\n"
          "Publié le 30 décembre 2017\n\nLe président", "2017-12-30" },
        { "Le 11 septembre 2001, l'Amérique était frappée.\n"
          "PARIS, samedi 30 déc. 2017 (AFP) - Le président", "2017-12-30" },
        { "Le 11 septembre 2001, l'Amérique était frappée.\n"
          "Poutine a parlé le 2 mai 2017 avec Trump", NULL },
        { "", NULL },
    };
    size_t k, bad = 0;

    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        rg_date d = { 9, 9, 9 };
        int found = rg_date_find_text(&d, cases[k].in, strlen(cases[k].in),
                                      600);
        if (cases[k].want) {
            if (!found) {
                print_error("\"%s\": not found\n", cases[k].in);
                bad++;
            } else {
                bad += !fmt_eq(&d, cases[k].want, cases[k].in);
            }
        } else if (found || d.year != 0) {
            print_error("\"%s\": unexpected date\n", cases[k].in);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_find_text_window(void **state)
{
    char text[1200];
    rg_date d;
    size_t len;

    (void)state;
    memset(text, 'x', sizeof text);
    memset(text, ' ', 700);
    len = 700;
    memcpy(text + len, "30 décembre 2017", 17);
    len += 17;
    assert_int_equal(rg_date_find_text(&d, text, len, 600), 0);
    assert_int_equal(d.year, 0);
    assert_int_equal(rg_date_find_text(&d, text, len, 800), 1);
    assert_int_equal(d.day, 30);
    /* cut by the window in the middle of the year */
    assert_int_equal(rg_date_find_text(&d, text, len, len - 2), 0);
    /* the first date wins */
    assert_int_equal(rg_date_find_text(&d, "le 2 mai 2017 | le 3 juin 2018",
                                       30, 600), 1);
    assert_int_equal(d.month, 5);
    /* not NUL-terminated: nothing is read past len */
    assert_int_equal(rg_date_find_text(&d, "le 2 mai 20179", 13, 600), 1);
    assert_int_equal(d.year, 2017);
}

static void test_format(void **state)
{
    char buf[16];
    rg_date d = { 2017, 12, 30 };

    (void)state;
    rg_date_format(buf, sizeof buf, &d);
    assert_string_equal(buf, "2017-12-30");
    d.day = 0;
    rg_date_format(buf, sizeof buf, &d);
    assert_string_equal(buf, "2017-12");
    d.month = 0;
    rg_date_format(buf, sizeof buf, &d);
    assert_string_equal(buf, "2017");
    d.year = 0;
    rg_date_format(buf, sizeof buf, &d);
    assert_string_equal(buf, "");
    rg_date_format(buf, sizeof buf, NULL);
    assert_string_equal(buf, "");
    d.year = 2017;
    d.month = 1;
    d.day = 2;
    rg_date_format(buf, 8, &d); /* truncated, still terminated */
    assert_string_equal(buf, "2017-01");
    rg_date_format(buf, 0, &d); /* writes nothing */
}

/* The digit writer against snprintf's "%04d-%02d-%02d" forms, over years,
 * months and days in and out of its range and every buffer size. */
static void test_format_grid(void **state)
{
    static const int years[] = { -5, 1, 9, 10, 999, 1000, 2020, 9999, 10000, 123456 };
    static const int parts[] = { -1, 0, 1, 9, 10, 12, 31, 99, 100, 1000 };
    char got[24], want[24];
    size_t y, m, k, size;
    (void)state;

    for (y = 0; y < sizeof years / sizeof *years; y++) {
        for (m = 0; m < sizeof parts / sizeof *parts; m++) {
            for (k = 0; k < sizeof parts / sizeof *parts; k++) {
                rg_date d;
                d.year = years[y];
                d.month = parts[m];
                d.day = parts[k];
                for (size = 1; size <= sizeof got; size++) {
                    if (d.month == 0) {
                        snprintf(want, size, "%04d", d.year);
                    } else if (d.day == 0) {
                        snprintf(want, size, "%04d-%02d", d.year, d.month);
                    } else {
                        snprintf(want, size, "%04d-%02d-%02d", d.year, d.month, d.day);
                    }
                    memset(got, 'x', sizeof got);
                    rg_date_format(got, size, &d);
                    assert_string_equal(got, want);
                }
            }
        }
    }
}

static void test_cmp(void **state)
{
    const rg_date none = { 0, 0, 0 }, y = { 2017, 0, 0 },
                  ym = { 2017, 12, 0 }, ymd = { 2017, 12, 30 },
                  ymd2 = { 2017, 12, 31 }, later = { 2018, 1, 1 };

    (void)state;
    assert_true(rg_date_cmp(&none, &y) < 0);
    assert_true(rg_date_cmp(&y, &ym) < 0);
    assert_true(rg_date_cmp(&ym, &ymd) < 0);
    assert_true(rg_date_cmp(&ymd, &ymd2) < 0);
    assert_true(rg_date_cmp(&ymd2, &later) < 0);
    assert_true(rg_date_cmp(&later, &ymd) > 0);
    assert_int_equal(rg_date_cmp(&ymd, &ymd), 0);
    assert_true(rg_date_cmp(&later, &ym) > 0);
}

static void test_source_name(void **state)
{
    (void)state;
    assert_string_equal(rg_date_source_name(RG_DATE_NONE), "none");
    assert_string_equal(rg_date_source_name(RG_DATE_METADATA), "metadata");
    assert_string_equal(rg_date_source_name(RG_DATE_MANIFEST), "manifest");
    assert_string_equal(rg_date_source_name(RG_DATE_OPTION), "option");
    assert_string_equal(rg_date_source_name(RG_DATE_HEADER), "header");
    assert_string_equal(rg_date_source_name(RG_DATE_TEXT), "text");
    assert_string_equal(rg_date_source_name((rg_date_source)42), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_parse_iso_message),
        cmocka_unit_test(test_find_header),
        cmocka_unit_test(test_find_text),
        cmocka_unit_test(test_find_text_window),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_grid),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_source_name),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
