/* SPDX-License-Identifier: MIT */
/*
 * XML text for the GEXF export (export_gexf.c): escaping of attribute
 * values and text, name="value" attributes, and the test that lets plain
 * names be copied whole.
 */
#include "export_load.h"

/*
 * Escape for attribute values and text: the five entities, TAB/LF/CR as
 * character references (attribute normalisation would turn them into
 * spaces), other C0 controls and U+FFFE/U+FFFF (not XML characters) as
 * U+FFFD. Input is valid UTF-8 (jansson checks it).
 */
int rg_export__xml_put(rg_strbuf *b, const char *s)
{
    const char *run = s;
    int error = RG_OK;

    for (; *s && error == RG_OK; s++) {
        unsigned char c = (unsigned char)*s;
        const char *rep = NULL;
        size_t skip = 1;

        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        case '\t': rep = "&#9;"; break;
        case '\n': rep = "&#10;"; break;
        case '\r': rep = "&#13;"; break;
        default:
            if (c < 0x20) {
                rep = "\xEF\xBF\xBD";
            } else if (c == 0xEF && (unsigned char)s[1] == 0xBF
                       && ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF)) {
                rep = "\xEF\xBF\xBD";
                skip = 3;
            }
            break;
        }
        if (rep) {
            error = rg_strbuf_put(b, run, (size_t)(s - run));
            if (error == RG_OK) {
                error = rg_strbuf_puts(b, rep);
            }
            s += skip - 1;
            run = s + 1;
        }
    }
    if (error == RG_OK) {
        error = rg_strbuf_put(b, run, (size_t)(s - run));
    }
    return error;
}

/* name="escaped value" with a leading space */
int rg_export__xml_attr(rg_strbuf *b, const char *name, const char *value)
{
    if (rg_strbuf_putc(b, ' ') < 0 || rg_strbuf_puts(b, name) < 0 || rg_strbuf_puts(b, "=\"") < 0 ||
        rg_export__xml_put(b, value) < 0) {
        return RG_ERROR;
    }
    return rg_strbuf_putc(b, '"');
}

/* 1 when rg_export__xml_put writes s unchanged (column names always are). */
int rg_export__xml_plain(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == 0xEF) {
            return 0;
        }
    }
    return 1;
}
