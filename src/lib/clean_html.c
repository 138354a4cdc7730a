/* SPDX-License-Identifier: MIT */
/*
 * HTML pass of the cleaner: tags, script/style contents, comments and
 * entities removed or decoded, block tags turned into line breaks, with a
 * byte map to the input. Used by clean.c.
 */
#include <string.h> /* memchr, memcmp, strcmp, strlen */

#include "clean_internal.h"
#include "common.h"
#include "text_internal.h" /* rg_text__utf8_encode, rg_text__cp1252 */

/* ------------------------------------------------------------------ */
/* HTML                                                                */
/* ------------------------------------------------------------------ */

/*
 * HOW IT WORKS
 * Auto-detection looks for a known tag ("<p>", "<div ", "<br/>", "</x",
 * "<!--"...). In HTML mode, tags vanish; block tags become line breaks
 * ("<br>", "<li>", "<tr>" -> "\n") or paragraph breaks ("<p>", "<div>",
 * "<h2>" -> "\n\n"); the contents of <script>, <style>, <noscript>,
 * <template> and comments vanish; runs of white space become one space,
 * except a blank line in the source, which stays a paragraph break.
 * Entities are decoded in both HTML mode and, when only entities are found,
 * in an entities-only mode that keeps everything else as is.
 *   "<p>L&rsquo;&Eacute;lys&eacute;e</p><script>x()</script>"
 *     -> "\n\nL’Élysée\n\n"  (blank runs are collapsed by the line pass)
 */

static int html_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static int html_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int html_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Reads a tag name at t[i..] into name (lowercased, truncated); returns its
 * length in the input. */
static size_t html_tag_name(const char *t, /* text */
                            size_t len,    /* its length */
                            size_t i,      /* offset of the name */
                            char *name,    /* out: lowercased name */
                            size_t size)   /* size of name */
{
    size_t n = 0;

    while (i + n < len && (html_is_alpha((unsigned char)t[i + n]) ||
                           (n > 0 && t[i + n] >= '0' && t[i + n] <= '9'))) {
        if (n + 1 < size) {
            name[n] = (char)html_lower((unsigned char)t[i + n]);
        }
        n++;
    }
    name[n + 1 < size ? n : size - 1] = '\0';
    return n;
}

static int html_name_in(const char *name, const char *const *list)
{
    for (; *list; list++) {
        if (strcmp(name, *list) == 0) {
            return 1;
        }
    }
    return 0;
}

static const char *const html_known_tags[] = {
    "p", "div", "br", "html", "body", "head", "span", "a", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "script", "style", "article", "section", "strong",
    "em", "b", "i", "u", "table", "tr", "td", "th", "meta", "title", "img", "figure",
    "figcaption", "noscript", "blockquote", "iframe", "header", "footer", "nav",
    "aside", "main", "link", "hr", "small", "sup", "sub", "time", "button", "form",
    NULL
};
static const char *const html_raw_tags[] = {
    "script", "style", "noscript", "template", "iframe", "svg", "head", NULL
};
static const char *const html_para_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "ul",
    "ol", "table", "blockquote", "header", "footer", "figure", "figcaption", "aside",
    "nav", "main", "title", "pre", "hr", "dl", "form", "body", "html", NULL
};
static const char *const html_line_tags[] = { "br", "li", "tr", "dt", "dd", NULL };
static const char *const html_cell_tags[] = { "td", "th", NULL };

/* Offset of the next byte c in t[from..len), or len. */
static size_t html_next(const char *t, size_t from, size_t len, char c)
{
    const char *p = from < len ? memchr(t + from, c, len - from) : NULL;

    return p ? (size_t)(p - t) : len;
}

/* 2: tags found (full HTML); 1: only entities; 0: plain text.
 * Only '<' and '&' matter: the scan jumps from one to the next with memchr
 * (most texts hold neither) and looks at each in text order. */
int rg_clean__html_detect(const char *t, size_t len)
{
    size_t lt = html_next(t, 0, len, '<'), amp = html_next(t, 0, len, '&'), i;
    int entities = 0;

    while ((i = lt < amp ? lt : amp) < len) {
        if (i == lt) {
            char name[16];
            size_t n;
            lt = html_next(t, i + 1, len, '<');
            if (i + 1 >= len) {
                continue;
            }
            if (t[i + 1] == '/' && i + 2 < len && html_is_alpha((unsigned char)t[i + 2])) {
                return 2;
            }
            if (t[i + 1] == '!' && i + 3 < len && t[i + 2] == '-' && t[i + 3] == '-') {
                return 2;
            }
            n = html_tag_name(t, len, i + 1, name, sizeof name);
            if (n > 0 && (i + 1 + n == len || t[i + 1 + n] == '>' || t[i + 1 + n] == '/' ||
                          html_is_ws(t[i + 1 + n])) &&
                html_name_in(name, html_known_tags)) {
                return 2;
            }
        } else {
            amp = html_next(t, i + 1, len, '&');
            if (i + 2 < len && (t[i + 1] == '#' || html_is_alpha((unsigned char)t[i + 1]))) {
                size_t j = i + 1;
                while (j < len && j < i + 12 && t[j] != ';' && t[j] != '&' &&
                       !html_is_ws(t[j])) {
                    j++;
                }
                if (j < len && t[j] == ';') {
                    entities = 1;
                }
            }
        }
    }
    return entities;
}

/* HTML 4 Latin-1 entity names, U+00A0..U+00FF in order. */
static const char *const html_latin1[96] = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml",
    "copy", "ordf", "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2",
    "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm", "raquo",
    "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde",
    "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml",
    "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml",
    "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
    "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
};

static const struct {
    const char *name;
    int32_t cp;
} html_entities[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "AMP", '&' }, { "LT", '<' }, { "GT", '>' }, { "QUOT", '"' },
    { "OElig", 0x152 }, { "oelig", 0x153 }, { "Scaron", 0x160 }, { "scaron", 0x161 },
    { "Yuml", 0x178 }, { "fnof", 0x192 }, { "circ", 0x2C6 }, { "tilde", 0x2DC },
    { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 }, { "zwnj", 0x200C },
    { "zwj", 0x200D }, { "lrm", 0x200E }, { "rlm", 0x200F }, { "ndash", 0x2013 },
    { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
    { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E }, { "dagger", 0x2020 },
    { "Dagger", 0x2021 }, { "bull", 0x2022 }, { "hellip", 0x2026 }, { "permil", 0x2030 },
    { "prime", 0x2032 }, { "Prime", 0x2033 }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203A },
    { "euro", 0x20AC }, { "trade", 0x2122 }, { "minus", 0x2212 }, { "larr", 0x2190 },
    { "rarr", 0x2192 }, { "nnbsp", 0x202F }, { "NewLine", '\n' }, { "Tab", '\t' },
};

static int32_t html_entity_named(const char *name, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof html_entities / sizeof html_entities[0]; i++) {
        if (strlen(html_entities[i].name) == n && memcmp(html_entities[i].name, name, n) == 0) {
            return html_entities[i].cp;
        }
    }
    for (i = 0; i < 96; i++) {
        if (strlen(html_latin1[i]) == n && memcmp(html_latin1[i], name, n) == 0) {
            return (int32_t)(0xA0 + i);
        }
    }
    return -1;
}

/*
 * Decodes the entity at t[i] == '&'. Returns its length (through ';') and
 * the code point in *cp, or 0 when it is not a known entity.
 */
static size_t html_entity(const char *t, /* text */
                          size_t len,    /* its length */
                          size_t i,      /* offset of the '&' */
                          int32_t *cp)   /* out: the code point */
{
    size_t j = i + 1;
    int32_t v = 0;

    if (j < len && t[j] == '#') {
        int hex = 0, digits = 0;
        j++;
        if (j < len && (t[j] == 'x' || t[j] == 'X')) {
            hex = 1;
            j++;
        }
        for (; j < len && digits < 8; j++, digits++) {
            int c = html_lower((unsigned char)t[j]), d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (hex && c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                break;
            }
            if (v <= 0x10FFFF) { /* past it the value is 0xFFFD anyway: no overflow */
                v = v * (hex ? 16 : 10) + d;
            }
        }
        if (digits == 0 || j >= len || t[j] != ';') {
            return 0;
        }
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            v = 0xFFFD;
        } else if (v >= 0x80 && v < 0xA0) {
            v = rg_text__cp1252((unsigned char)v); /* as browsers do */
        }
        *cp = v;
        return j + 1 - i;
    }
    while (j < len && j < i + 10 && (html_is_alpha((unsigned char)t[j]) ||
                                     (t[j] >= '0' && t[j] <= '9'))) {
        j++;
    }
    if (j >= len || t[j] != ';' || j == i + 1) {
        return 0;
    }
    v = html_entity_named(t + i + 1, j - i - 1);
    if (v < 0) {
        return 0;
    }
    *cp = v;
    return j + 1 - i;
}

/* Emits the decoded entity `cp` that starts at input offset `src`. */
static int html_put_cp(clean_out *o, int32_t cp, size_t src)
{
    unsigned char enc[4];

    if (cp == 0xA0 || cp == 0x202F || (cp >= 0x2002 && cp <= 0x200A) || cp == '\t') {
        cp = ' ';
    } else if (cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F ||
               cp == 0xAD) {
        return RG_OK;
    } else if (cp == '\r') {
        cp = '\n';
    } else if (cp < 0x20 && cp != '\n') {
        cp = ' ';
    }
    return rg_clean__out_put(o, (const char *)enc, rg_text__utf8_encode(enc, cp), src);
}

/* Case-insensitive search for "</name" from t[i]; returns its offset or len. */
static size_t html_find_close(const char *t,    /* text */
                              size_t len,       /* its length */
                              size_t i,         /* where to start */
                              const char *name) /* lowercase tag name */
{
    size_t n = strlen(name), k;

    for (; i + 2 + n <= len; i++) {
        if (t[i] != '<' || t[i + 1] != '/') {
            continue;
        }
        for (k = 0; k < n; k++) {
            if (html_lower((unsigned char)t[i + 2 + k]) != name[k]) {
                break;
            }
        }
        if (k == n) {
            return i;
        }
    }
    return len;
}

/* Offset just past the '>' closing the tag opened at t[i], honouring
 * quoted attribute values; 0 when the tag never closes. */
static size_t html_tag_end(const char *t, /* text */
                           size_t len,    /* its length */
                           size_t i)      /* offset of the '<' */
{
    char quote = 0;

    for (i++; i < len; i++) {
        if (quote) {
            if (t[i] == quote) {
                quote = 0;
            }
        } else if (t[i] == '"' || t[i] == '\'') {
            quote = t[i];
        } else if (t[i] == '>') {
            return i + 1;
        }
    }
    return 0;
}

/*
 * Handles markup at t[i] == '<'. Returns the offset after it, or 0 when the
 * '<' is literal text. Emits the break that a block tag stands for.
 */
static size_t html_markup(clean_out *o,  /* output */
                          const char *t, /* text */
                          size_t len,    /* its length */
                          size_t i,      /* offset of the '<' */
                          int *error)    /* out: RG_ERROR on OOM */
{
    char name[16];
    size_t n, end;
    int closing = 0;
    const char *brk = NULL;

    if (i + 3 < len && t[i + 1] == '!' && t[i + 2] == '-' && t[i + 3] == '-') {
        const char *p;
        for (p = t + i + 4; (size_t)(p - t) + 3 <= len; p++) {
            if (p[0] == '-' && p[1] == '-' && p[2] == '>') {
                return (size_t)(p - t) + 3;
            }
        }
        return len;
    }
    if (i + 1 < len && (t[i + 1] == '!' || t[i + 1] == '?')) {
        end = html_tag_end(t, len, i);
        return end ? end : len;
    }
    if (i + 1 < len && t[i + 1] == '/') {
        closing = 1;
    }
    n = html_tag_name(t, len, i + 1 + (size_t)closing, name, sizeof name);
    if (n == 0) {
        return 0;
    }
    end = html_tag_end(t, len, i);
    if (end == 0) {
        return 0;
    }
    if (!closing && html_name_in(name, html_raw_tags) && t[end - 2] != '/') {
        size_t close = html_find_close(t, len, end, name);
        if (close == len) {
            return len;
        }
        end = html_tag_end(t, len, close);
        return end ? end : len;
    }
    if (html_name_in(name, html_para_tags)) {
        brk = "\n\n";
    } else if (html_name_in(name, html_line_tags)) {
        brk = closing ? NULL : "\n";
    } else if (html_name_in(name, html_cell_tags)) {
        brk = " ";
    }
    if (brk && rg_clean__out_put(o, brk, strlen(brk), i) < 0) {
        *error = RG_ERROR;
    }
    return end;
}

/* HTML (mode 2) or entities only (mode 1) -> o, mapped to `t`. */
int rg_clean__html_strip(clean_out *o, const char *t, size_t len, int mode)
{
    size_t i = 0;
    int error = RG_OK;

    while (i < len && error == RG_OK) {
        char c = t[i];
        size_t next;
        int32_t cp;

        if (c == '&' && (next = html_entity(t, len, i, &cp)) > 0) {
            error = html_put_cp(o, cp, i);
            i += next;
        } else if (mode == 2 && c == '<' && (next = html_markup(o, t, len, i, &error)) > 0) {
            i = next;
        } else if (mode == 2 && html_is_ws(c)) {
            size_t j = i, nl = 0;
            for (; j < len && html_is_ws(t[j]); j++) {
                nl += t[j] == '\n';
            }
            error = nl >= 2 ? rg_clean__out_put(o, "\n\n", 2, i) : rg_clean__out_put(o, " ", 1, i);
            i = j;
        } else {
            error = rg_clean__out_put(o, &t[i], 1, i);
            i++;
        }
    }
    return error;
}

