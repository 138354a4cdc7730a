/* SPDX-License-Identifier: MIT */
/*
 * Options and setup shared by `extract` and `build`: how to read the inputs
 * (fields, manifest, dates, limits), which dictionary and lexicon, threads;
 * warning printing and the closing summary on stderr.
 */
#ifndef RG_CLI_INPUT_H
#define RG_CLI_INPUT_H

#include <getopt.h> /* struct option */

#include <relgraph/extract.h>
#include <relgraph/pipeline.h>
#include <relgraph/reader.h>

#define CLI_MAX_TEXT_FIELDS 16
#define CLI_MAX_EXTENSIONS 16

typedef struct {
    rg_reader_options ropts;
    const char *text_fields[CLI_MAX_TEXT_FIELDS];
    const char *actors_path;
    const char *extensions[CLI_MAX_EXTENSIONS];
    size_t n_extensions;
    const char *lexicon_path;
    int threads;
    int attribute_states;
    int no_boilerplate;
    int html;
    int want_json;  /* the callback writes evidence lines: have them made (rg_evidence.json) */
    size_t max_actors;
    rg_actors *actors;
    rg_lexicon *lexicon;
    rg_boilerplate *bp;
    rg_extractor *ex;
    rg_reader *reader;
    size_t shown[RG_WARN__COUNT];
    size_t undated;
    size_t evidence_docs;
} cli_input;

/* Long options handled by cli_input_option (values >= 1000). */
#define CLI_INPUT_LONGOPTS                                  \
    { "id-field", required_argument, NULL, 1000 },          \
    { "date-field", required_argument, NULL, 1001 },        \
    { "text-field", required_argument, NULL, 1002 },        \
    { "manifest", required_argument, NULL, 1003 },          \
    { "date", required_argument, NULL, 1004 },              \
    { "actors", required_argument, NULL, 1005 },            \
    { "lexicon", required_argument, NULL, 1006 },           \
    { "threads", required_argument, NULL, 1007 },           \
    { "strict", no_argument, NULL, 1008 },                  \
    { "attribute-states", no_argument, NULL, 1009 },        \
    { "max-doc-bytes", required_argument, NULL, 1010 },     \
    { "no-boilerplate", no_argument, NULL, 1011 },          \
    { "html", no_argument, NULL, 1012 },                    \
    { "no-html", no_argument, NULL, 1013 },             \
    { "max-docs", required_argument, NULL, 1014 },          \
    { "max-actors", required_argument, NULL, 1015 },        \
    { "actors-extend", required_argument, NULL, 1016 }

#define CLI_INPUT_HELP                                                               \
    "Input options:\n"                                                               \
    "  --id-field NAME        JSONL: field holding the document id (default id)\n"   \
    "  --date-field NAME      JSONL: field holding the date (default date)\n"        \
    "  --text-field NAME      JSONL: text field, repeatable, joined as paragraphs\n" \
    "                         (default text)\n"                                      \
    "  --manifest FILE.tsv    dates by document id (id<TAB>date, header line)\n"     \
    "  --date YYYY[-MM[-DD]]  date for documents without metadata\n"                \
    "  --strict               stop at the first bad document (exit 3)\n"             \
    "  --max-doc-bytes N      skip documents larger than N bytes (default 64 MiB)\n" \
    "  --max-docs N           stop with an error (exit 3) after N documents\n"      \
    "  --html, --no-html      force or disable HTML cleaning (default: detect)\n"    \
    "  --no-boilerplate       keep boilerplate lines and trailers\n"                 \
    "Extraction options:\n"                                                          \
    "  --actors FILE.json     actor dictionary (default: the built-in one)\n"        \
    "  --actors-extend FILE.json  add this file's actors, terms... to the dictionary\n"\
    "                         (repeatable; docs/actors.md)\n"                     \
    "  --lexicon FILE.tsv     stance lexicon (default: the built-in one)\n"          \
    "  --attribute-states     also credit state stances to the leader in office\n"   \
    "  --threads N            extraction threads (default: number of CPUs)\n"

void cli_input_init(cli_input *in);
/* 1 when `opt` was one of CLI_INPUT_LONGOPTS (applied), 0 when not, -1 on a bad value. */
int cli_input_option(cli_input *in, const char *cmd, int opt, const char *arg);
/* Load dictionary, lexicon, boilerplate; build the extractor; open the inputs. Exit code. */
int cli_input_open(cli_input *in, char **inputs, int n);
/* Run the pipeline; the callback sees each document's evidence in order. Exit code. */
int cli_input_run(cli_input *in, rg_evidence_cb cb, void *payload);
/* Closing summary on stderr: documents read, skipped and why, warnings. */
void cli_input_summary(const cli_input *in, const char *cmd);
void cli_input_close(cli_input *in);

#endif
