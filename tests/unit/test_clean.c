/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for clean.c: boilerplate rules (each kind, the default file,
 * loading errors with file:line), HTML stripping and entities, blank-line
 * collapsing, the byte map back to the input, and allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>  /* isalnum */
#include <stdio.h>  /* fopen, fputs, fclose */
#include <stdlib.h> /* mkstemp */
#include <string.h>
#include <unistd.h> /* close, unlink */

#include <relgraph/alloc.h>
#include <relgraph/clean.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>

#include "clean_internal.h" /* rg_clean__rare_scan, rare_hits, struct rg_boilerplate */
#include "data.h"           /* rg__data_boilerplate_txt */

static rg_boilerplate *default_rules;

static int group_setup(void **state)
{
    (void)state;
    return rg_boilerplate_default(&default_rules) == RG_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    rg_boilerplate_free(default_rules);
    default_rules = NULL;
    return 0;
}

/*
 * The map invariants: map[len] == in_len, non-decreasing, in range, and
 * every output byte taken from the input unchanged points at that byte.
 * With `all`, every output byte must be such a byte (plain-text input).
 */
static void check_map(const char *in, size_t in_len, const char *out, size_t out_len,
                      const size_t *map, int all)
{
    size_t i;

    assert_int_equal(map[out_len], in_len);
    for (i = 0; i < out_len; i++) {
        assert_true(map[i] < in_len);
        assert_true(i == 0 || map[i] >= map[i - 1]);
        if (all) {
            assert_int_equal(in[map[i]], out[i]);
        }
    }
}

/* Cleans `in` with the default rules and compares with `want`. */
static void check_clean(const char *in, int html, const char *want)
{
    rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
    char *out = NULL;
    size_t out_len = 0, *map = NULL;

    opts.html = html;
    assert_int_equal(rg_clean_text(&out, &out_len, &map, in, strlen(in), default_rules, &opts),
                     RG_OK);
    assert_string_equal(out, want);
    assert_int_equal(out_len, strlen(want));
    check_map(in, strlen(in), out, out_len, map, html == 0);
    rg_free(out);
    rg_free(map);
}

static void test_plain_layout(void **state)
{
    (void)state;
    check_clean("Bonjour.  \n\n\n\nMonde\t\nFin.\n\n", 0, "Bonjour.\n\nMonde\nFin.");
    check_clean("\n\n  Titre\n", 0, "Titre");
    check_clean("", 0, "");
    check_clean("\n \n", 0, "");
    /* NBSP trailing a line is trimmed too */
    check_clean("avant\xc2\xa0\napr\xc3\xa8s", 0, "avant\napr\xc3\xa8s");
}

static void test_rule_line_prefix(void **state)
{
    (void)state;
    check_clean("Un.\nLire aussi : P\xc3\xa9kin et Moscou\nDeux.", 0, "Un.\nDeux.");
    check_clean("Un.\n\nLIRE AUSSI\xc2\xa0: X\n\nDeux.", 0, "Un.\n\nDeux.");
    check_clean("Un.\n\xc3\x80 lire \xc3\xa9galement - X\nDeux.", 0, "Un.\nDeux.");
    /* a word boundary is required: "Lire aussitôt" is text */
    check_clean("Lire aussit\xc3\xb4t le rapport.", 0, "Lire aussit\xc3\xb4t le rapport.");
    /* spaces are ignored: "avec AFP , modifié à" */
    check_clean("Titre\navec AFP , modifi\xc3\xa9 \xc3\xa0\xc2\xa0\nTexte.", 0, "Titre\nTexte.");
}

static void test_rule_line(void **state)
{
    (void)state;
    check_clean("ADVERTISEMENT\n\nVladimir Poutine.", 0, "Vladimir Poutine.");
    check_clean("A.\nPublicit\xc3\xa9\nB.", 0, "A.\nB.");
    check_clean("A.\n  \xe2\x80\xa2 Copi\xc3\xa9\nB.", 0, "A.\nB.");
    /* only the whole line: a sentence about advertising stays */
    check_clean("Publicit\xc3\xa9 mensong\xc3\xa8re.", 0, "Publicit\xc3\xa9 mensong\xc3\xa8re.");
}

static void test_rule_trailer(void **state)
{
    static const char in[] =
        "Poutine propose.\n\nTexte.\n\nAutres actualit\xc3\xa9s\n\n03 - Juillet - 2020\n\n"
        "Le Canada suspend son trait\xc3\xa9.\n";
    (void)state;

    check_clean(in, 0, "Poutine propose.\n\nTexte.");
    check_clean("A.\nSur le m\xc3\xaame sujet :\nB.", 0, "A.");
    /* a trailer heading before any text does not empty the article */
    check_clean("Autres actualit\xc3\xa9s\nA.\nB.", 0, "A.\nB.");
}

static void test_rule_credit(void **state)
{
    (void)state;
    check_clean("Au cours de sa campagne.\nAu cours de sa campagne. \xc2\xa9 STEPHANE DE SAKUTIN / AFP\n"
                "Suite.",
                0, "Au cours de sa campagne.\nAu cours de sa campagne.\nSuite.");
    /* a line that is only a credit disappears */
    check_clean("A.\n\xc2\xa9 AFP\nB.", 0, "A.\nB.");
    check_clean("A.\nCr\xc3\xa9" "dit photo : Reuters\nB.", 0, "A.\nB.");
    /* "Ã©" (mojibake of "é" read as Latin-1) is no credit sign: the line stays */
    check_clean("Le pr\xc3\x83\xc2\xa9sident Poutine.", 0, "Le pr\xc3\x83\xc2\xa9sident Poutine.");
}

static void test_rule_script(void **state)
{
    (void)state;
    check_clean("Texte.\n']); _gaq.push(['_trackPageview']); (function() { var ga = "
                "document.createElement('script'); })();\nFin.",
                0, "Texte.\nFin.");
}

static void test_no_rules(void **state)
{
    rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
    const char *in = "ADVERTISEMENT\nA.\nLire aussi : X";
    char *out = NULL;
    size_t out_len = 0, *map = NULL;
    (void)state;

    assert_int_equal(rg_clean_text(&out, &out_len, &map, in, strlen(in), NULL, &opts), RG_OK);
    assert_string_equal(out, in);
    check_map(in, strlen(in), out, out_len, map, 1);
    rg_free(out);
    rg_free(map);

    opts.boilerplate = 0;
    assert_int_equal(rg_clean_text(&out, &out_len, &map, in, strlen(in), default_rules, &opts),
                     RG_OK);
    assert_string_equal(out, in);
    rg_free(out);
    rg_free(map);
}

static void test_html(void **state)
{
    static const char in[] =
        "<!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style></head>"
        "<body><p class=\"x>y\">L&rsquo;&Eacute;lys&eacute;e &amp; Cie</p>\n"
        "<script type=\"text/javascript\">var s = '<p>faux</p>';</script>"
        "<!-- commentaire <p> --><div>B&#233;&#xE9;<br/>C&nbsp;&laquo;D&raquo;</div>"
        "<noscript>Activez JavaScript</noscript><ul><li>un</li><li>deux</li></ul>"
        "<p>Lire aussi : autre</p><p>&#146;&unknown; &lt;b&gt; 3 < 4</p></body></html>";
    rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
    char *out = NULL;
    size_t out_len = 0, *map = NULL, i;
    (void)state;

    assert_int_equal(rg_clean_text(&out, &out_len, &map, in, sizeof in - 1, default_rules, &opts),
                     RG_OK);
    assert_string_equal(out, "L\xe2\x80\x99\xc3\x89lys\xc3\xa9" "e & Cie\n\n"
                             "B\xc3\xa9\xc3\xa9\nC \xc2\xab" "D\xc2\xbb\n\n"
                             "un\ndeux\n\n"
                             "\xe2\x80\x99&unknown; <b> 3 < 4");
    check_map(in, sizeof in - 1, out, out_len, map, 0);
    /* letters and digits always come from the same byte of the input */
    for (i = 0; i < out_len; i++) {
        char c = out[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            assert_int_equal(in[map[i]], c);
        }
    }
    /* entities map to their '&' */
    assert_int_equal(in[map[1]], '&');
    rg_free(out);
    rg_free(map);
}

static void test_html_modes(void **state)
{
    (void)state;
    /* html = 0: tags are text */
    check_clean("<p>a</p>", 0, "<p>a</p>");
    /* auto: no tags, no entities -> plain (single newline kept) */
    check_clean("a < b\nc > d", -1, "a < b\nc > d");
    /* auto: entities only -> decoded, line layout kept */
    check_clean("l&rsquo;Elys&eacute;e\nsuite", -1, "l\xe2\x80\x99" "Elys\xc3\xa9" "e\nsuite");
    /* auto with tags: newlines are spaces, blank lines are paragraphs */
    check_clean("<b>un\ndeux</b>\n\ntrois", -1, "un deux\n\ntrois");
    /* forced: a tag without '>' is text */
    check_clean("a <b c", 1, "a <b c");
    /* unterminated script swallows the rest */
    check_clean("x<script>if (a<b) {", 1, "x");
    check_clean("x<!-- open", 1, "x");
}

static void test_default_seed_like(void **state)
{
    static const char in[] =
        "Trump et Poutine\n\nAu cours de sa campagne, Donald Trump a martel\xc3\xa9 son ambition.\n"
        "Au cours de sa campagne, Donald Trump a martel\xc3\xa9 son ambition. \xc2\xa9 STEPHANE / AFP\n"
        "  \xe2\x80\xa2 Copi\xc3\xa9\navec AFP , modifi\xc3\xa9 \xc3\xa0\xc2\xa0\n"
        "Lors d'un entretien.\n\nAutres actualit\xc3\xa9s\n\n01 - Juillet - 2020\nAutre.\n";
    (void)state;

    check_clean(in, -1,
                "Trump et Poutine\n\nAu cours de sa campagne, Donald Trump a martel\xc3\xa9 son ambition.\n"
                "Au cours de sa campagne, Donald Trump a martel\xc3\xa9 son ambition.\n"
                "Lors d'un entretien.");
}

/* Writes `text` to a fresh temporary file; returns its path in buf. */
static void write_temp(char *buf, size_t size, const char *text)
{
    int fd;
    FILE *f;

    snprintf(buf, size, "/tmp/rg_test_clean_XXXXXX");
    fd = mkstemp(buf);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Appends random pieces to buf[0..) until it holds at least `min` bytes or
 * one draw in `stop` ends it early; returns its length. buf must hold min
 * bytes plus the longest piece. */
static size_t random_pieces(char *buf, const char *const *pieces, size_t np, unsigned *seed,
                            size_t min, unsigned stop)
{
    size_t len = 0;

    while (len < min) {
        const char *p;
        *seed = *seed * 1103515245u + 12345u;
        p = pieces[(*seed >> 16) % np];
        memcpy(buf + len, p, strlen(p));
        len += strlen(p);
        if ((*seed >> 8) % stop == 0) {
            break;
        }
    }
    return len;
}

static void test_load_rules(void **state)
{
    rg_boilerplate *bp = NULL;
    rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
    char path[64], *out = NULL;
    size_t out_len = 0, *map = NULL;
    const char *in = "Titre\n>> Newsletter du soir\nTexte. [photo: X]\nFIN DE PAGE\nreste";
    (void)state;

    write_temp(path, sizeof path,
               "# custom\r\n\r\n  line-prefix: newsletter\r\ncredit: [photo\r\n"
               "trailer:   Fin de page  \r\n");
    assert_int_equal(rg_boilerplate_load(&bp, path), RG_OK);
    unlink(path);
    assert_int_equal(rg_clean_text(&out, &out_len, &map, in, strlen(in), bp, &opts), RG_OK);
    assert_string_equal(out, "Titre\nTexte.");
    rg_free(out);
    rg_free(map);
    rg_boilerplate_free(bp);
    rg_boilerplate_free(NULL);
}

/* Cleans `in` with the rules `text` (behind `filler` rules that match
 * nothing) and compares with `want`. */
static void check_rules(const char *text, int filler, const char *in, const char *want)
{
    rg_boilerplate *bp = NULL;
    rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
    char path[64], *rules = malloc(strlen(text) + 40 * (size_t)filler + 1), *out = NULL;
    size_t out_len = 0, *map = NULL, n = 0;
    int k;

    assert_non_null(rules);
    for (k = 0; k < filler; k++) {
        n += (size_t)sprintf(rules + n, "line: qqfiller %d\n", k);
    }
    strcpy(rules + n, text);
    write_temp(path, sizeof path, rules);
    free(rules);
    assert_int_equal(rg_boilerplate_load(&bp, path), RG_OK);
    unlink(path);
    assert_int_equal(rg_clean_text(&out, &out_len, &map, in, strlen(in), bp, &opts), RG_OK);
    assert_string_equal(out, want);
    rg_free(out);
    rg_free(map);
    rg_boilerplate_free(bp);
}

/* The rules are tried in file order, a line's first DROP or STOP ending
 * the walk: the same with the first-byte index (64 rules or fewer) as
 * with the whole list (more), for anchored rules, rules found anywhere,
 * a line emptied by its bullets, and the rules' order. */
static void test_rule_index(void **state)
{
    static const char *const in = "Titre\n- fin zzz\nreste\n* *\nsuite (c) x\nend";
    int filler;

    (void)state;
    for (filler = 0; filler <= 70; filler += 70) {
        check_rules("script-marker: zzz\ntrailer: fin zzz\ncredit: (c)\n", filler, in,
                    "Titre\nreste\n* *\nsuite\nend");
        check_rules("trailer: fin zzz\nscript-marker: zzz\ncredit: (c)\n", filler, in,
                    "Titre");
        check_rules("line-prefix: suite\ncredit: (c)\nline: END\n", filler, in,
                    "Titre\n- fin zzz\nreste\n* *");
        check_rules("credit: x\ncredit: (c)\nline: e n d\n", filler, in,
                    "Titre\n- fin zzz\nreste\n* *\nsuite");
    }
}

/* Rules found anywhere share one list of their rare byte's offsets in a
 * line (8 rare bytes at most, 64 offsets each, then memchr again): a
 * match before, at and after the 64th "(" of a line, and rare bytes past
 * the eighth. */
static void test_rare_lists(void **state)
{
    static const char *const rules =
        "script-marker: foo(\nscript-marker: fbq(\ncredit: a_\ncredit: b)\n"
        "script-marker: c[\nscript-marker: d]\nscript-marker: e{\nscript-marker: f}\n"
        "script-marker: g<\nscript-marker: h>\nscript-marker: i=\n";
    char in[512], want[512];
    size_t at, k;

    (void)state;
    for (at = 60; at <= 68; at++) {
        /* line 2: `at` times "x(" then "fbq(": dropped */
        memcpy(in, "Titre\n", 6);
        for (k = 0; k < at; k++) {
            memcpy(in + 6 + 2 * k, "x(", 2);
        }
        strcpy(in + 6 + 2 * at, " fbq( y\nfin");
        check_rules(rules, 0, in, "Titre\nfin");
        /* the same line without the rule: kept */
        in[6 + 2 * at + 1] = 'z';
        snprintf(want, sizeof want, "%s", in);
        check_rules(rules, 0, in, want);
    }
    check_rules(rules, 0, "Un a_ b) c\nx i= y\nz h> z\nfin", "Un\nfin");
    check_rules(rules, 0, "Un b) a_ c\nx i =y\nfin", "Un\nfin");
    check_rules(rules, 0, "Un ab) c\nxi= y\nfin", "Un ab) c\nxi= y\nfin");
}

/* The rare-byte listing straight on lines held in buffers of exactly their
 * length (heap, no slack), of every length up to 6 blocks (the AVX2 scan
 * takes two blocks a step, then one, then the padded end), holding a rule's
 * key at every seventh offset: every listed offset is inside the line and
 * holds its slot's byte, the key's rare byte is listed, and, under
 * AddressSanitizer, no block reads past the line's end. */
static void test_rare_scan_exact_lines(void **state)
{
    rg_boilerplate *bp = NULL;
    const bp_rule *r = NULL;
    rare_hits h;
    size_t kl, s, i, pos;
    (void)state;

    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    for (i = 0; i < bp->rules.n && !r; i++) {
        if (bp->rules.v[i].rare_slot < BP_RARE_SLOTS) {
            r = &bp->rules.v[i];
        }
    }
    assert_non_null(r);
    for (kl = r->key_len; kl <= 200; kl++) {
        for (pos = 0; pos + r->key_len <= kl; pos += 7) {
            char *k = malloc(kl);
            int found = 0;
            assert_non_null(k);
            memset(k, ' ', kl);
            memcpy(k + pos, r->key, r->key_len);
            rg_clean__rare_scan(&h, bp, k, kl);
            assert_true(h.known);
            for (s = 0; s < BP_RARE_SLOTS; s++) {
                for (i = 0; i < h.n[s] && i < RARE_HITS; i++) {
                    assert_true(h.at[s][i] < kl);
                    assert_int_equal((unsigned char)k[h.at[s][i]], bp->slot_byte[s]);
                    found |= s == r->rare_slot && h.at[s][i] == pos + r->rare_at;
                }
            }
            assert_true(found);
            free(k);
        }
    }
    rg_boilerplate_free(bp);
}

/* 1 when byte c (256: the line's end) is in the neighbour set b. */
static int near_in(const uint64_t *b, unsigned c)
{
    return (int)(b[c >> 6] >> (c & 63) & 1u);
}

/* The listing of rare bytes against a plain one on random lines of every
 * length up to 9 blocks, made of the rare bytes, their neighbours in the
 * rules, spaces and other letters (every other line mostly "e", so that
 * one block of a pair may have candidates and the other none): with AVX2 (bp->wide) a byte is listed
 * when its neighbours are in its slot's sets (the vector test of the
 * neighbours is a superset, the line's ends left to the exact one), else
 * every rare byte is. */
static void test_rare_scan_reference(void **state)
{
    static const char pool[] = "hpogtyw(_.c\xa9\xc2 eaxz";
    rg_boilerplate *bp = NULL;
    rare_hits h;
    uint64_t r = 0x9E3779B97F4A7C15ULL;
    size_t kl, n, j, s, want[BP_RARE_SLOTS];
    char k[290];
    (void)state;

    assert_int_equal(rg_boilerplate_default(&bp), RG_OK);
    for (n = 0; n < 8000; n++) {
        kl = 1 + n % 289;
        for (j = 0; j < kl; j++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            k[j] = (n & 1) && r % 61 > 3 ? 'e' : pool[(r >> 8) % (sizeof pool - 1)];
        }
        rg_clean__rare_scan(&h, bp, k, kl);
        memset(want, 0, sizeof want);
        for (j = 0; j < kl; j++) {
            unsigned c = (unsigned char)k[j], before, after;
            s = bp->slot_of[c];
            before = j > 0 ? (unsigned char)k[j - 1] : 256;
            after = j + 1 < kl ? (unsigned char)k[j + 1] : 256;
            if (s >= BP_RARE_SLOTS || want[s] >= RARE_HITS ||
                (bp->wide && !(near_in(bp->near[s][0], before) &&
                               near_in(bp->near[s][1], after)))) {
                continue;
            }
            assert_true(h.n[s] > want[s]);
            assert_int_equal(h.at[s][want[s]], j);
            want[s]++;
        }
        for (s = 0; s < BP_RARE_SLOTS; s++) {
            assert_int_equal(h.n[s], want[s]);
        }
    }
    rg_boilerplate_free(bp);
}

/* The listing of rare bytes takes 32 bytes a step where AVX2 is there,
 * the end of a line from a padded copy: with the default rules, a script
 * marker ("fbq(", rare byte "(") and a credit ("©", rare byte 0xA9) at
 * every offset of lines of every length around one and two blocks; a
 * near miss stays. */
static void test_rare_scan_offsets(void **state)
{
    char in[256], want[256];
    size_t pre, post;

    (void)state;
    for (pre = 0; pre <= 70; pre++) {
        for (post = 0; post <= 40; post += post < 3 ? 1 : 13) {
            sprintf(in, "Titre\n%.*s fbq(%s%.*s\nfin", (int)pre,
                                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                                post ? " " : "", (int)post,
                                "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
            check_clean(in, 0, "Titre\nfin");
            memcpy(strstr(in, "fbq("), "fbqx", 4); /* near miss: kept */
            if (pre > 0) {
                check_clean(in, 0, in);
            }
            sprintf(in, "Titre\n%.*s \xC2\xA9 AFP%s%.*s\nfin", (int)pre,
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    post ? " " : "", (int)post, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
            snprintf(want, sizeof want, "Titre\n%.*s%sfin", (int)pre,
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                     pre ? "\n" : "");
            check_clean(in, 0, want);
        }
    }
}

/* A rare byte is listed only when its neighbours in the line may be those
 * of a match (the rule's bytes around it, or spaces): spaces on either
 * side, the rare byte first or last in the rule and at the line's ends. */
static void test_rare_neighbours(void **state)
{
    static const char *const rules = "credit: (c)\nscript-marker: ab(\ncredit: Cr\xC3\xA9""dit photo\n";

    (void)state;
    check_rules(rules, 0, "Un\n(c) AFP\nfin", "Un\nfin");
    check_rules(rules, 0, "Un\nx ( c) AFP\nfin", "Un\nx\nfin");
    check_rules(rules, 0, "Un\nx (c\nfin", "Un\nx (c\nfin");
    check_rules(rules, 0, "Un\nx (\nfin", "Un\nx (\nfin");
    check_rules(rules, 0, "Un\nx ab (\nfin", "Un\nfin");
    check_rules(rules, 0, "Un\nab(\nfin", "Un\nfin");
    check_rules(rules, 0, "Un\nx cr\xC3\xA9""dit p hoto y\nfin", "Un\nx\nfin");
    check_rules(rules, 0, "Un\nx credit pho to\nfin", "Un\nx\nfin");
    check_rules(rules, 0, "Un\nx credit phto\nfin", "Un\nx credit phto\nfin");
    check_rules(rules, 0, "Un\nx credit ph\nfin", "Un\nx credit ph\nfin");
    /* the first block of a line of 33 bytes or more (the byte before its
     * first is the line's start, shifted in the register) */
    check_rules(rules, 0, "Un\n(c) AFP abcdefghijklmnopqrstuvwxyz 0123456789\nfin", "Un\nfin");
    check_rules(rules, 0, "Un\n(c)abcdefghijklmnopqrstuvwxyz0123456789\nfin", "Un\nfin");
    check_rules(rules, 0, "Un\nab( abcdefghijklmnopqrstuvwxyz 0123456789 x\nfin", "Un\nfin");
    check_rules(rules, 0, "Un\nxab( abcdefghijklmnopqrstuvwxyz 0123456789 x\nfin",
                "Un\nxab( abcdefghijklmnopqrstuvwxyz 0123456789 x\nfin");
    check_rules(rules, 0, "Un\nabcdefghijklmnopqrstuvwxyz 01234 (c) 56789 x\nfin",
                "Un\nabcdefghijklmnopqrstuvwxyz 01234\nfin");
}

static void check_load_error(const char *text, int code, const char *fragment)
{
    rg_boilerplate *bp = (rg_boilerplate *)&bp;
    char path[64], want[128];

    write_temp(path, sizeof path, text);
    assert_int_equal(rg_boilerplate_load(&bp, path), code);
    assert_null(bp);
    snprintf(want, sizeof want, "%s:%s", path, fragment);
    assert_non_null(strstr(rg_error_last()->message, want));
    unlink(path);
}

static void test_load_errors(void **state)
{
    rg_boilerplate *bp = NULL;
    (void)state;

    check_load_error("line: ok\n# c\nbogus: x\n", RG_EPARSE, "3: unknown rule kind 'bogus'");
    check_load_error("\n\nno colon here\n", RG_EPARSE, "3: expected 'kind: text'");
    check_load_error("line:   \n", RG_EPARSE, "1: empty text for rule 'line'");
    check_load_error("line: \xcc\x81\n", RG_EPARSE, "1: rule text folds to nothing");
    assert_int_equal(rg_boilerplate_load(&bp, "/nonexistent/rg/boilerplate.txt"), RG_EIO);
    assert_null(bp);
}

static void test_alloc_failures(void **state)
{
    static const char in[] =
        "<p>L&rsquo;&Eacute;lys&eacute;e</p><script>x</script>\n\n<p>Lire aussi : y</p>"
        "<p>Texte \xc2\xa9 AFP</p><p>Autres actualit&eacute;s</p><p>z</p>";
    long n;
    (void)state;

    for (n = 1; n < 1000; n++) {
        rg_boilerplate *bp = NULL;
        int rc;

        rg_alloc_fail_at(n);
        rc = rg_boilerplate_default(&bp);
        rg_alloc_fail_at(0);
        if (rc == RG_OK) {
            rg_boilerplate_free(bp);
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(bp);
    }
    assert_true(n > 1 && n < 1000);

    for (n = 1; n < 1000; n++) {
        rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
        char *out = NULL;
        size_t out_len = 0, *map = NULL;
        int rc;

        rg_alloc_fail_at(n);
        rc = rg_clean_text(&out, &out_len, &map, in, sizeof in - 1, default_rules, &opts);
        rg_alloc_fail_at(0);
        if (rc == RG_OK) {
            assert_string_equal(out, "L\xe2\x80\x99\xc3\x89lys\xc3\xa9" "e\n\nTexte");
            rg_free(out);
            rg_free(map);
            break;
        }
        assert_int_equal(rc, RG_ERROR);
        assert_null(out);
        assert_null(map);
        assert_string_equal(rg_error_last()->message, "out of memory");
    }
    assert_true(n > 3 && n < 1000);
}

/* The default rules loaded as they are (indexed: a line skips the rules
 * anchored on other first two bytes and the rules found anywhere whose
 * rare byte it lacks, rg_clean__rare_live) and after
 * 70 filler rules (more than BP_INDEX_MAX: every rule walked, each found
 * anywhere searched): the same cleaned text and map on 4,000 random texts
 * of lines made of pieces of the rules, spaces, capitals and French. */
static void test_rare_live_default(void **state)
{
    static const char *const pieces[] = {
        "Crédit photo", "crédits  photo", "©", "(c)", "_gaq.push", "var _gaq", "googletag.",
        "adsbygoogle", "window.dataLayer", "document.createElement(", "document.write(",
        "document.getElementsByTagName(", "fbq(", "Lire aussi", "Partager", "ph", "go", "by",
        "wi", "(", "_", "g", "h", "y", "w", " ", "  ", "é", "le gouvernement", "AFP", "Photo",
        "P h o t o", "G", "\xC2\xA9", "x", ".", "\n", "\n\n", "- ", "•", "Lire aussi",
        "L ire  aussi", "Lire", "lire", "Le Monde avec AFP", "Publicité", "Partager sur",
        "Partager", "Sur le même sujet", "Lien copié", "Copier le lien", "À lire aussi", "\n- ",
        "\n• ", "\n* ", "L", "i", "ire", "\nADVERTISEMENT", "\nRéagir", "Réagir!", "\nlire",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    size_t blen = rg__data_boilerplate_txt_len, n = 0, t;
    char *rules = malloc(blen + 40 * 70 + 1), path[2][64], in[600];
    rg_boilerplate *bp[2] = { NULL, NULL };
    rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
    unsigned seed = 12345;
    int k;

    (void)state;
    assert_non_null(rules);
    memcpy(rules, rg__data_boilerplate_txt, blen);
    rules[blen] = '\0';
    write_temp(path[0], sizeof path[0], rules);
    for (k = 0; k < 70; k++) {
        n += (size_t)sprintf(rules + n, "line: qqfiller %d\n", k);
    }
    memcpy(rules + n, rg__data_boilerplate_txt, blen);
    rules[n + blen] = '\0';
    write_temp(path[1], sizeof path[1], rules);
    free(rules);
    for (k = 0; k < 2; k++) {
        assert_int_equal(rg_boilerplate_load(&bp[k], path[k]), RG_OK);
        unlink(path[k]);
    }
    assert_true(bp_indexed(bp[0]));
    assert_false(bp_indexed(bp[1]));
    for (t = 0; t < 4000; t++) {
        char *out[2];
        size_t len = random_pieces(in, pieces, np, &seed, 500, 11), out_len[2], *map[2];
        for (k = 0; k < 2; k++) {
            assert_int_equal(rg_clean_text(&out[k], &out_len[k], &map[k], in, len, bp[k], &opts),
                             RG_OK);
        }
        assert_int_equal(out_len[0], out_len[1]);
        assert_memory_equal(out[0], out[1], out_len[0]);
        assert_memory_equal(map[0], map[1], (out_len[0] + 1) * sizeof *map[0]);
        for (k = 0; k < 2; k++) {
            rg_free(out[k]);
            rg_free(map[k]);
        }
    }
    rg_boilerplate_free(bp[0]);
    rg_boilerplate_free(bp[1]);
}

/* Naive search of an ASCII rule key in an ASCII line (lower case): a start
 * not glued to a letter or digit, the rule's bytes with the line's spaces
 * skipped before each, no letter or digit just after a rule that ends
 * with one. 1 when found. */
static int naive_find(const char *line, const char *rule)
{
    size_t kl = strlen(line), rl = strlen(rule), i;

    for (i = 0; i < kl; i++) {
        size_t a = i, j;
        int ok = 1;
        if (i > 0 && isalnum((unsigned char)line[i - 1])) {
            continue;
        }
        for (j = 0; j < rl && ok; j++) {
            if (rule[j] == ' ') {
                continue;
            }
            while (a < kl && line[a] == ' ') {
                a++;
            }
            ok = a < kl && line[a] == rule[j];
            a++;
        }
        if (ok && !(a < kl && isalnum((unsigned char)rule[rl - 1]) &&
                    isalnum((unsigned char)line[a]))) {
            return 1;
        }
    }
    return 0;
}

/* A rule's rare byte is looked for where it has bytes on both sides when
 * it occurs more than once (bp_rare_at): the lines dropped by one
 * script-marker rule whose rare byte repeats are those where a naive
 * search finds it, on 3,000 random lines each, of pieces of the rule. */
static void test_rare_anchor(void **state)
{
    static const char *const rules[] = { "googletag.", "gogog", "hah", "w w", "zz", "ogo g" };
    static const char *const pieces[] = { "g", "o", "go", "og", "gog", "ogog", " ", "  ", "h",
                                          "a", "ha", "ah", "w", "z", "x", ".", "googletag.",
                                          "gogog", "hah", "w w", "zz", "-", "1", "ogl" };
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned seed = 777;
    size_t r, t;

    (void)state;
    for (r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        char text[64], in[256], want[256], line[160];
        rg_boilerplate *bp = NULL;
        rg_clean_options opts = RG_CLEAN_OPTIONS_INIT;
        char path[64];
        snprintf(text, sizeof text, "script-marker: %s\n", rules[r]);
        write_temp(path, sizeof path, text);
        assert_int_equal(rg_boilerplate_load(&bp, path), RG_OK);
        unlink(path);
        for (t = 0; t < 3000; t++) {
            size_t len = random_pieces(line, pieces, np, &seed, 100, 7), a = 0, b, out_len = 0;
            size_t *map = NULL;
            char *out = NULL;
            line[len] = '\0';
            snprintf(in, sizeof in, "Titre\n%s\nfin", line);
            for (b = len; b > 0 && line[b - 1] == ' '; b--) {
            }
            while (a < b && line[a] == ' ') {
                a++;
            }
            if (a == b) { /* a blank line */
                snprintf(want, sizeof want, "Titre\n\nfin");
            } else if (naive_find(line, rules[r])) {
                snprintf(want, sizeof want, "Titre\nfin");
            } else {
                snprintf(want, sizeof want, "Titre\n%.*s\nfin", (int)(b - a), line + a);
            }
            assert_int_equal(rg_clean_text(&out, &out_len, &map, in, strlen(in), bp, &opts),
                             RG_OK);
            assert_string_equal(out, want);
            rg_free(out);
            rg_free(map);
        }
        rg_boilerplate_free(bp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_layout),
        cmocka_unit_test(test_rule_line_prefix),
        cmocka_unit_test(test_rule_line),
        cmocka_unit_test(test_rule_trailer),
        cmocka_unit_test(test_rule_credit),
        cmocka_unit_test(test_rule_script),
        cmocka_unit_test(test_no_rules),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_html_modes),
        cmocka_unit_test(test_default_seed_like),
        cmocka_unit_test(test_load_rules),
        cmocka_unit_test(test_rule_index),
        cmocka_unit_test(test_rare_lists),
        cmocka_unit_test(test_rare_scan_exact_lines),
        cmocka_unit_test(test_rare_scan_reference),
        cmocka_unit_test(test_rare_scan_offsets),
        cmocka_unit_test(test_rare_neighbours),
        cmocka_unit_test(test_rare_live_default),
        cmocka_unit_test(test_rare_anchor),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests_name("clean", tests, group_setup, group_teardown);
}
