/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the actor dictionary: the built-in dictionary, getters,
 * dated leaders across term boundaries, load errors (first problem only),
 * `check` (every problem, exact messages, genders and role prefixes) and
 * allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>  /* fopen, fputs, remove, snprintf */
#include <stdlib.h> /* mkstemp */
#include <string.h> /* strlen, strcmp, strstr */
#include <unistd.h> /* close */

#include <relgraph/actors.h>
#include <relgraph/alloc.h>
#include <relgraph/errors.h>
#include "data.h" /* rg__data_actors_json */

/* ---- helpers ---- */

static rg_actors *load_default(void)
{
    rg_actors *a = NULL;

    assert_int_equal(rg_actors_default(&a), RG_OK);
    assert_non_null(a);
    return a;
}

static int id_of(const rg_actors *a, const char *id)
{
    int i = rg_actors_find(a, id);

    assert_true(i >= 0);
    return i;
}

/* The id of the leader of `state` on the date, or "-" for nobody. */
static const char *leader(const rg_actors *a, const char *state, int y, int m, int d)
{
    rg_date date = { y, m, d };
    int i = rg_actors_leader_at(a, (size_t)id_of(a, state), &date);

    return i < 0 ? "-" : rg_actors_id(a, (size_t)i);
}

/* Writes `text` to a fresh temporary file; the caller removes it. */
static void write_temp(char *path, size_t size, const char *text)
{
    FILE *f;
    int fd;

    snprintf(path, size, "/tmp/rg_test_actors_XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

typedef struct {
    char buf[8192];
    size_t n;
} collected;

/* rg_actors_check callback: one line per problem, the file name replaced by "F". */
static void collect(const char *msg, void *payload)
{
    collected *c = payload;
    const char *rest = strstr(msg, ": ");
    size_t len = strlen(c->buf);

    assert_non_null(rest);
    snprintf(c->buf + len, sizeof c->buf - len, "F%s\n", rest);
    c->n++;
}

/* Runs check on `json` and compares every message with `expected`. */
static void check_messages(const char *json, const char *expected, size_t n_expected)
{
    char path[64];
    collected c;
    size_t n = 99;

    memset(&c, 0, sizeof c);
    write_temp(path, sizeof path, json);
    assert_int_equal(rg_actors_check(path, collect, &c, &n), RG_OK);
    remove(path);
    assert_string_equal(c.buf, expected);
    assert_int_equal(n, n_expected);
    assert_int_equal(c.n, n_expected);
}

/* Loads `json` from memory and expects RG_EPARSE with exactly `message`. */
static void load_fails(const char *json, const char *message)
{
    rg_actors *a = (rg_actors *)(uintptr_t)1;

    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_EPARSE);
    assert_null(a);
    assert_non_null(rg_error_last());
    assert_int_equal(rg_error_last()->code, RG_EPARSE);
    assert_string_equal(rg_error_last()->message, message);
}

#define MINI_STATES                                                                  \
    "{\"id\":\"USA\",\"label\":\"US\",\"type\":\"state\",\"aliases\":[\"USA\"],"    \
    "\"adjectives\":[\"américain\"],\"leader_role\":\"president\"},"                  \
    "{\"id\":\"trump\",\"label\":\"T\",\"type\":\"person\",\"state\":\"USA\","        \
    "\"aliases\":[\"Trump\"]},"                                                       \
    "{\"id\":\"obama\",\"label\":\"O\",\"type\":\"person\",\"aliases\":[\"Obama\"]}"
#define MINI_ROLES "\"roles\":[{\"id\":\"president\",\"forms\":[\"président {adj}\"]}]"

/* ---- the built-in dictionary ---- */

static void test_default_loads(void **state)
{
    static const char *const persons[] = {
        "poutine", "trump", "erdogan", "may", "assad", "macron", "merkel", "obama", "xi",
        "kim", "netanyahou", "zelensky", "johnson", "hollande", "biden", "lavrov",
        "rohani", "juncker", "trudeau", "abe", "poroshenko", "medvedev", "skripal", NULL
    };
    static const char *const states[] = { "RUS", "USA", "TUR", "GBR", "SYR", "FRA", "DEU",
                                          "UKR", "CHN", "IRN", "PRK", "ISR", "JPN", "CAN",
                                          NULL };
    rg_actors *a = load_default();
    size_t i;

    (void)state;
    assert_int_equal(rg_actors_count(a), 43);
    for (i = 0; persons[i]; i++) {
        assert_int_equal(rg_actors_type(a, (size_t)id_of(a, persons[i])), RG_ACTOR_PERSON);
    }
    for (i = 0; states[i]; i++) {
        assert_int_equal(rg_actors_type(a, (size_t)id_of(a, states[i])), RG_ACTOR_STATE);
    }
    assert_int_equal(rg_actors_type(a, (size_t)id_of(a, "EU")), RG_ACTOR_ORG);
    assert_string_equal(rg_actors_label(a, (size_t)id_of(a, "poutine")), "Vladimir Poutine");
    assert_string_equal(rg_actors_label(a, (size_t)id_of(a, "erdogan")),
                        "Recep Tayyip Erdoğan");
    assert_int_equal(rg_actors_state_of(a, (size_t)id_of(a, "poutine")), id_of(a, "RUS"));
    assert_int_equal(rg_actors_state_of(a, (size_t)id_of(a, "juncker")), id_of(a, "EU"));
    assert_int_equal(rg_actors_state_of(a, (size_t)id_of(a, "skripal")), -1);
    assert_int_equal(rg_actors_state_of(a, (size_t)id_of(a, "RUS")), -1);
    assert_int_equal(rg_actors_find(a, "nobody"), -1);
    assert_int_equal(rg_actors_find(a, "Poutine"), -1); /* ids are case-sensitive */
    rg_actors_free(a);
}

static void test_type_names(void **state)
{
    (void)state;
    assert_string_equal(rg_actor_type_name(RG_ACTOR_PERSON), "person");
    assert_string_equal(rg_actor_type_name(RG_ACTOR_STATE), "state");
    assert_string_equal(rg_actor_type_name(RG_ACTOR_ORG), "organisation");
    rg_actors_free(NULL);
}

static void test_leaders_across_terms(void **state)
{
    rg_actors *a = load_default();
    rg_date none = { 0, 0, 0 };

    (void)state;
    /* "to" is exclusive: the successor's first day */
    assert_string_equal(leader(a, "USA", 2017, 1, 19), "obama");
    assert_string_equal(leader(a, "USA", 2017, 1, 20), "trump");
    assert_string_equal(leader(a, "USA", 2021, 1, 19), "trump");
    assert_string_equal(leader(a, "USA", 2021, 1, 20), "biden");
    assert_string_equal(leader(a, "USA", 2025, 1, 20), "trump");
    assert_string_equal(leader(a, "USA", 2008, 12, 31), "-");
    assert_string_equal(leader(a, "FRA", 2017, 5, 13), "hollande");
    assert_string_equal(leader(a, "FRA", 2017, 5, 14), "macron");
    assert_string_equal(leader(a, "FRA", 2012, 5, 14), "sarkozy");
    assert_string_equal(leader(a, "GBR", 2016, 7, 12), "cameron");
    assert_string_equal(leader(a, "GBR", 2016, 7, 13), "may");
    assert_string_equal(leader(a, "GBR", 2019, 7, 23), "may");
    assert_string_equal(leader(a, "GBR", 2019, 7, 24), "johnson");
    assert_string_equal(leader(a, "GBR", 2022, 9, 6), "-");
    assert_string_equal(leader(a, "RUS", 2010, 6, 1), "medvedev");
    assert_string_equal(leader(a, "RUS", 2012, 5, 7), "poutine");
    assert_string_equal(leader(a, "TUR", 2014, 8, 28), "erdogan");
    assert_string_equal(leader(a, "TUR", 2014, 8, 27), "-"); /* then PM, not the leader role */
    assert_string_equal(leader(a, "DEU", 2021, 12, 7), "merkel");
    assert_string_equal(leader(a, "DEU", 2021, 12, 8), "-");
    assert_string_equal(leader(a, "SYR", 2024, 12, 7), "assad");
    assert_string_equal(leader(a, "SYR", 2024, 12, 8), "-");
    assert_string_equal(leader(a, "CHN", 2013, 3, 14), "xi");
    assert_string_equal(leader(a, "PRK", 2011, 12, 17), "kim");
    assert_string_equal(leader(a, "ISR", 2021, 6, 12), "netanyahou");
    assert_string_equal(leader(a, "ISR", 2021, 6, 13), "-");
    assert_string_equal(leader(a, "ISR", 2022, 12, 29), "netanyahou");
    assert_string_equal(leader(a, "UKR", 2019, 5, 19), "poroshenko");
    assert_string_equal(leader(a, "UKR", 2019, 5, 20), "zelensky");
    assert_string_equal(leader(a, "IRN", 2021, 8, 2), "rohani");
    assert_string_equal(leader(a, "JPN", 2020, 9, 15), "abe");
    assert_string_equal(leader(a, "CAN", 2025, 3, 13), "trudeau");
    assert_string_equal(leader(a, "EU", 2019, 11, 30), "juncker");
    assert_string_equal(leader(a, "EU", 2019, 12, 1), "vonderleyen");
    /* partial dates: one term must cover the whole period */
    assert_string_equal(leader(a, "USA", 2017, 1, 0), "-");
    assert_string_equal(leader(a, "USA", 2017, 2, 0), "trump");
    assert_string_equal(leader(a, "USA", 2017, 0, 0), "-");
    assert_string_equal(leader(a, "RUS", 2018, 0, 0), "poutine");
    /* undated */
    assert_int_equal(rg_actors_leader_at(a, (size_t)id_of(a, "USA"), &none), -1);
    assert_int_equal(rg_actors_leader_at(a, (size_t)id_of(a, "USA"), NULL), -1);
    /* persons lead nothing */
    assert_string_equal(leader(a, "trump", 2018, 1, 1), "-");
    rg_actors_free(a);
}

/* ---- load: the first problem only ---- */

static void test_load_errors(void **state)
{
    (void)state;
    load_fails("{\"schema\": 1,\n \"actors\": [}",
               "t.json: line 2: column 13: unexpected token near '}'");
    load_fails("{\"schema\": 1, \"actors\": [], \"actors\": []}",
               "t.json: line 1: column 36: duplicate object key near '\"actors\"'");
    load_fails("", "t.json: line 1: column 0: '[' or '{' expected near end of file");
    load_fails("[]", "t.json: $: the dictionary must be a JSON object");
    load_fails("{\"actors\": []}", "t.json: $: missing field \"schema\"");
    load_fails("{\"schema\": 2, \"actors\": []}",
               "t.json: schema: unsupported schema (expected 1)");
    load_fails("{\"schema\": 1}", "t.json: $: missing field \"actors\"");
    load_fails("{\"schema\": 1, \"actors\": [{\"id\": \"a\", \"label\": \"A\", "
               "\"type\": \"person\", \"aliases\": [\"A\", 7]}]}",
               "t.json: actors[0].aliases[1]: an alias must be a string or an object");
    load_fails("{\"schema\": 1, \"actors\": [" MINI_STATES ","
               "{\"id\":\"poutine\",\"label\":\"P\",\"type\":\"person\","
               "\"aliases\":[\"Poutine\",\"TRUMP\"]}], " MINI_ROLES "}",
               "t.json: actors[3].aliases[1]: alias \"TRUMP\" already belongs to trump");
}

static void test_load_small(void **state)
{
    static const char json[] =
        "{\"schema\": 1, \"actors\": [" MINI_STATES "], " MINI_ROLES ", "
        "\"terms\": [{\"actor\":\"trump\",\"role\":\"president\",\"state\":\"USA\","
        "\"from\":\"2017-01-20\",\"to\":\"2021-01-20\"}]}";
    rg_actors *a = NULL;

    (void)state;
    assert_int_equal(rg_actors_from_buffer(&a, json, strlen(json), "t.json"), RG_OK);
    assert_int_equal(rg_actors_count(a), 3);
    assert_string_equal(rg_actors_id(a, 1), "trump");
    assert_string_equal(leader(a, "USA", 2018, 1, 1), "trump");
    assert_string_equal(leader(a, "USA", 2021, 1, 20), "-");
    rg_actors_free(a);
}

static void test_load_file(void **state)
{
    char path[64];
    rg_actors *a = (rg_actors *)(uintptr_t)1;

    (void)state;
    assert_int_equal(rg_actors_load(&a, "/nonexistent/actors.json"), RG_EIO);
    assert_null(a);
    write_temp(path, sizeof path,
               "{\"schema\": 1, \"actors\": [" MINI_STATES "], " MINI_ROLES "}");
    assert_int_equal(rg_actors_load(&a, path), RG_OK);
    assert_int_equal(rg_actors_count(a), 3);
    rg_actors_free(a);
    remove(path);
    assert_int_equal(rg_actors_check("/nonexistent/actors.json", collect, NULL, NULL), RG_EIO);
}

/* ---- check: every problem ---- */

static void test_check_clean(void **state)
{
    (void)state;
    check_messages("{\"schema\": 1, \"actors\": [" MINI_STATES "], " MINI_ROLES "}", "", 0);
    /* the shipped dictionary has no problem at all */
    check_messages((const char *)rg__data_actors_json, "", 0);
}

static void test_check_syntax(void **state)
{
    (void)state;
    check_messages("{\"schema\": 1,\n\"actors\": [\n{\"id\": \"a\",,}]}",
                   "F: line 3: column 12: string or '}' expected near ','\n", 1);
}

static void test_check_fields_and_ids(void **state)
{
    (void)state;
    check_messages(
        "{\"schema\": 1, \"extra\": 2, \"actors\": [" MINI_STATES ","
        "{\"id\":\"trump\",\"label\":\"T2\",\"type\":\"person\",\"aliases\":[]},"
        "{\"id\":\"x y\",\"type\":\"robot\",\"aliases\":[],\"aliasses\":[]},"
        "{\"id\":\"p\",\"label\":\"P\",\"type\":\"person\",\"state\":\"USB\","
        "\"aliases\":[{\"form\":\"May\",\"guarded\":1}, {\"guarded\":true}]},"
        "{\"id\":\"q\",\"label\":\"Q\",\"type\":\"person\",\"aliases\":\"Q\","
        "\"leader_role\":\"president\",\"metonyms\":[\"Q\"]},"
        "\"oops\"], " MINI_ROLES "}",
        "F: $: unknown field \"extra\"\n"
        "F: actors[3]: duplicate id \"trump\"\n"
        "F: actors[4]: unknown field \"aliasses\"\n"
        "F: actors[4]: missing field \"label\"\n"
        "F: actors[4]: bad id \"x y\" (letters, digits, '_' and '-' only)\n"
        "F: actors[4]: unknown type \"robot\" (person, state or organisation)\n"
        "F: actors[7]: an actor must be an object\n"
        "F: actors[5]: unknown state \"USB\"\n"
        "F: actors[5].aliases[0]: \"guarded\" must be true or false\n"
        "F: actors[5].aliases[1]: missing field \"form\"\n"
        "F: actors[6]: \"leader_role\" is only for states\n"
        "F: actors[6]: metonyms and adjectives are only for states\n",
        12);
}

static void test_check_forms(void **state)
{
    (void)state;
    check_messages(
        "{\"schema\": 1, \"actors\": [" MINI_STATES ","
        "{\"id\":\"FRA\",\"label\":\"F\",\"type\":\"state\",\"aliases\":[\"Trump\"],"
        "\"adjectives\":[\"américain\"],\"metonyms\":[\"\", \"USA\", \" \"]},"
        "{\"id\":\"p\",\"label\":\"P\",\"type\":\"person\",\"aliases\":[\"TRUMP\","
        "\"le {adj}\", {\"form\":\"Obama\",\"exact_case\":true}]}],"
        "\"roles\":[{\"id\":\"president\",\"forms\":[\"président {adj}\",\"président\"]},"
        "{\"id\":\"president\",\"forms\":[]},"
        "{\"id\":\"leader\",\"leader\":true,\"forms\":[\"président {adj}\"]}],"
        "\"fixed_roles\":[{\"form\":\"maître {adj}\",\"role\":\"nope\"},"
        "{\"form\":\"Président américain\",\"role\":\"president\",\"state\":\"obama\"},"
        "{\"form\":\"le boss\",\"role\":\"president\",\"state\":\"USA\",\"x\":1}],"
        "\"blocked\":[\"Obama\", \"{adj} {adj}\", \"ex-président {adj}\", 3]}",
        "F: roles[1]: duplicate role id \"president\"\n"
        "F: actors[3].metonyms[0]: a metonym must be a non-empty string\n"
        "F: actors[3].metonyms[2]: form \" \" is empty after folding\n"
        "F: actors[3].adjectives[0]: adjective \"américain\" already belongs to USA\n"
        "F: actors[4].aliases[1]: \"le {adj}\": {adj} is only allowed in role forms\n"
        "F: roles[0].forms[1]: role form \"président\" must contain {adj} once\n"
        "F: fixed_roles[0]: unknown role \"nope\"\n"
        "F: fixed_roles[0]: a fixed role form cannot contain {adj}\n"
        "F: fixed_roles[1]: \"obama\" is a person, not a state\n"
        "F: fixed_roles[2]: unknown field \"x\"\n"
        "F: blocked[1]: blocked form \"{adj} {adj}\" has more than one {adj}\n"
        "F: blocked[3]: a blocked form must be a non-empty string\n"
        /* key clashes come last, in order of folded key */
        "F: actors[4].aliases[2]: alias \"Obama\" already belongs to obama\n"
        "F: blocked[0]: blocked form \"Obama\" already belongs to obama\n"
        "F: roles[2].forms[0]: role form \"président américain\" is already a form of "
        "role president (USA)\n"
        "F: actors[3].aliases[0]: alias \"Trump\" already belongs to trump\n"
        "F: actors[4].aliases[0]: alias \"TRUMP\" already belongs to trump\n"
        "F: actors[3].metonyms[1]: metonym \"USA\" already belongs to USA\n",
        18);
}

/* A key met three times and more: a repeat of the same thing is merged, and
 * each later clash names the key's first form, whatever the forms between;
 * clashes come in order of folded key, then of the file. */
static void test_check_repeated_keys(void **state)
{
    (void)state;
    check_messages(
        "{\"schema\": 1, \"actors\": [" MINI_STATES ","
        "{\"id\":\"e\",\"label\":\"E\",\"type\":\"person\","
        "\"aliases\":[\"Erdoğan\",\"Erdogan\",\"Zed\"]},"
        "{\"id\":\"f\",\"label\":\"F\",\"type\":\"person\",\"aliases\":[\"ZED\",\"ERDOGAN\"]},"
        "{\"id\":\"g\",\"label\":\"G\",\"type\":\"person\",\"aliases\":[\"erdogan\",\"zed\"]}],"
        MINI_ROLES ", \"blocked\":[\"Zed\", \"zed\"]}",
        "F: actors[4].aliases[1]: alias \"ERDOGAN\" already belongs to e\n"
        "F: actors[5].aliases[0]: alias \"erdogan\" already belongs to e\n"
        "F: actors[4].aliases[0]: alias \"ZED\" already belongs to e\n"
        "F: actors[5].aliases[1]: alias \"zed\" already belongs to e\n"
        "F: blocked[0]: blocked form \"Zed\" already belongs to e\n"
        "F: blocked[1]: blocked form \"zed\" already belongs to e\n",
        6);
}

/* Genders (persons, adjectives, role forms, fixed roles) and role prefixes. */
static void test_check_gender_prefixes(void **state)
{
    (void)state;
    check_messages(
        "{\"schema\": 1, \"actors\": ["
        "{\"id\":\"USA\",\"label\":\"US\",\"type\":\"state\",\"aliases\":[],\"gender\":\"f\","
        "\"adjectives\":[{\"form\":\"américaine\",\"gender\":\"f\"},"
        "{\"form\":\"américain\",\"gender\":\"x\"},{\"gender\":\"m\"}]},"
        "{\"id\":\"p\",\"label\":\"P\",\"type\":\"person\",\"aliases\":[],\"gender\":\"F\"}],"
        "\"roles\":[{\"id\":\"president\",\"forms\":[{\"form\":\"présidente {adj}\","
        "\"gender\":\"f\"},{\"form\":\"chef {adj}\",\"gender\":\"adj\",\"x\":1},"
        "{\"gender\":\"f\"},{\"form\":\"boss\",\"gender\":\"m\"}]}],"
        "\"fixed_roles\":[{\"form\":\"la patronne\",\"role\":\"president\",\"gender\":\"adj\"}],"
        "\"role_prefixes\":[\"ancien\",\"ex-\",\"vice président\",\"-\",3,\"\"]}",
        "F: actors[0]: \"gender\" is only for persons\n"
        "F: actors[0].adjectives[1]: \"gender\" must be \"m\" or \"f\"\n"
        "F: actors[0].adjectives[2]: an adjective must be a non-empty string\n"
        "F: actors[1]: \"gender\" must be \"m\" or \"f\"\n"
        "F: roles[0].forms[1]: unknown field \"x\"\n"
        "F: roles[0].forms[2]: a role form must be a string or an object with \"form\"\n"
        "F: roles[0].forms[3]: role form \"boss\" must contain {adj} once\n"
        "F: fixed_roles[0]: \"gender\" must be \"m\" or \"f\"\n"
        "F: role_prefixes[2]: a role prefix must be one word, maybe followed by \"-\"\n"
        "F: role_prefixes[3]: a role prefix must be one word, maybe followed by \"-\"\n"
        "F: role_prefixes[4]: a role prefix must be a string\n"
        "F: role_prefixes[5]: a role prefix must be one word, maybe followed by \"-\"\n",
        12);
}

static void test_check_terms(void **state)
{
    (void)state;
    check_messages(
        "{\"schema\": 1, \"actors\": [" MINI_STATES "],"
        "\"roles\":[{\"id\":\"president\",\"forms\":[]},"
        "{\"id\":\"leader\",\"leader\":true,\"forms\":[]}],"
        "\"terms\":["
        "{\"actor\":\"obama\",\"role\":\"president\",\"state\":\"USA\","
        "\"from\":\"2009-01-20\",\"to\":\"2017-01-20\"},"
        "{\"actor\":\"trump\",\"role\":\"president\",\"state\":\"USA\","
        "\"from\":\"2017-01-20\",\"to\":\"2021-01-20\"},"
        "{\"actor\":\"trump\",\"role\":\"president\",\"state\":\"USA\","
        "\"from\":\"2016-11-09\"},"
        "{\"actor\":\"trumpp\",\"role\":\"king\",\"state\":\"XXX\","
        "\"from\":\"2017-02-30\",\"to\":\"2017\"},"
        "{\"actor\":\"USA\",\"role\":\"president\",\"state\":\"trump\","
        "\"from\":\"2020-01-01\",\"to\":\"2019-01-01\",\"foo\":1},"
        "{\"actor\":\"trump\",\"role\":\"leader\",\"state\":\"USA\"},"
        "{\"actor\":\"obama\",\"role\":\"president\",\"state\":\"USA\","
        "\"from\":\"2001-02-29\",\"to\":\"2001-03-01\"},"
        "{\"actor\":\"obama\",\"role\":\"president\",\"state\":\"USA\","
        "\"from\":\"2000-02-29\",\"to\":\"2000-03-01\"}]}",
        "F: terms[2]: term overlaps terms[0] (obama 2009-01-20..2017-01-20) for role "
        "president of USA\n"
        "F: terms[3]: unknown person \"trumpp\"\n"
        "F: terms[3]: unknown role \"king\"\n"
        "F: terms[3]: unknown state \"XXX\"\n"
        "F: terms[3]: bad date \"2017-02-30\" in \"from\" (expected YYYY-MM-DD)\n"
        "F: terms[3]: bad date \"2017\" in \"to\" (expected YYYY-MM-DD)\n"
        "F: terms[4]: unknown field \"foo\"\n"
        "F: terms[4]: unknown person \"USA\"\n"
        "F: terms[4]: \"trump\" is a person, not a state\n"
        "F: terms[4]: \"to\" 2019-01-01 is not after \"from\" 2020-01-01\n"
        "F: terms[5]: missing field \"from\"\n"
        "F: terms[5]: role \"leader\" is resolved through leader_role and has no terms\n"
        "F: terms[6]: bad date \"2001-02-29\" in \"from\" (expected YYYY-MM-DD)\n",
        13);
}

/* ---- allocation failures ---- */

static void test_alloc_failures(void **state)
{
    rg_actors *a = NULL;
    long n;
    int rc;

    (void)state;
    for (n = 1;; n++) {
        rg_alloc_fail_at(n);
        a = (rg_actors *)(uintptr_t)1;
        rc = rg_actors_default(&a);
        if (rc == RG_OK) {
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(a);
        assert_string_equal(rg_error_last()->message, "out of memory");
    }
    rg_alloc_fail_at(0);
    assert_true(n > 100);
    assert_non_null(a);
    assert_string_equal(leader(a, "USA", 2018, 1, 1), "trump");
    rg_actors_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_loads),
        cmocka_unit_test(test_type_names),
        cmocka_unit_test(test_leaders_across_terms),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_small),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_check_clean),
        cmocka_unit_test(test_check_syntax),
        cmocka_unit_test(test_check_fields_and_ids),
        cmocka_unit_test(test_check_forms),
        cmocka_unit_test(test_check_repeated_keys),
        cmocka_unit_test(test_check_gender_prefixes),
        cmocka_unit_test(test_check_terms),
        cmocka_unit_test(test_alloc_failures),
    };

    return cmocka_run_group_tests_name("actors", tests, NULL, NULL);
}
