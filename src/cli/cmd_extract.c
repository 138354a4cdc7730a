/* SPDX-License-Identifier: MIT */
/* `relgraph extract`: evidence as JSON Lines, one object per document. */
#include <getopt.h> /* getopt_long */
#include <stdio.h>  /* printf */

#include <relgraph/errors.h>
#include <relgraph/io.h>
#include <relgraph/text.h>
#include "cmd.h"
#include "error.h"
#include "input.h"

static const struct option extract_opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "help", no_argument, NULL, 'h' },
    CLI_INPUT_LONGOPTS,
    { NULL, 0, NULL, 0 }
};

static void extract_help(void)
{
    printf("usage: relgraph extract [OPTIONS] INPUT...\n\n"
           "Reads articles and writes their evidence (actors mentioned, co-mentions,\n"
           "stances, tone) as JSON Lines, one object per document (docs/evidence.md).\n"
           "INPUT is a .txt file, a folder (all .txt below it, sorted), a .jsonl file,\n"
           "or - for stdin.\n\n"
           "  -o, --output FILE      write to FILE (atomically) instead of stdout\n"
           "%s\n"
           "Example:\n"
           "  relgraph extract --manifest corpus/seeds/manifest.tsv corpus/seeds\n"
           "  relgraph extract --id-field file --text-field title --text-field article \\\n"
           "      orangesum_parsed.jsonl -o evidence.jsonl\n",
           CLI_INPUT_HELP);
}

typedef struct {
    rg_outfile *out;
    const rg_actors *actors;
} extract_ctx;

static int extract_write(const rg_evidence *ev, void *payload)
{
    extract_ctx *ctx = payload;
    char *json = NULL;
    size_t len;
    int error;

    if (ev->json) { /* made by the extracting thread */
        return rg_outfile_write(ctx->out, ev->json, ev->json_len);
    }
    if ((error = rg_evidence_to_json(&json, &len, ev, ctx->actors)) < 0) {
        return error;
    }
    error = rg_outfile_write(ctx->out, json, len);
    rg_free(json);
    return error;
}

int cmd_extract(int argc, char **argv)
{
    cli_input in;
    extract_ctx ctx = { NULL, NULL };
    const char *output = "-";
    int c, rc;

    cli_input_init(&in);
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", extract_opts, NULL)) != -1) {
        if (c == 'h') {
            extract_help();
            return RG_EXIT_OK;
        } else if (c == 'o') {
            output = optarg;
        } else if ((rc = cli_input_option(&in, "extract", c, optarg)) <= 0) {
            return rc < 0 ? RG_EXIT_USAGE : cli_usage_error("extract", "bad option");
        }
    }
    if (optind >= argc) {
        return cli_usage_error("extract", "no input given");
    }
    in.want_json = 1;
    if ((rc = cli_input_open(&in, argv + optind, argc - optind)) != RG_EXIT_OK) {
        goto done;
    }
    if (rg_outfile_open(&ctx.out, output) < 0) {
        rc = cli_error_lib();
        goto done;
    }
    ctx.actors = in.actors;
    if ((rc = cli_input_run(&in, extract_write, &ctx)) != RG_EXIT_OK) {
        goto done;
    }
    rc = rg_outfile_commit(ctx.out) < 0 ? cli_error_lib() : RG_EXIT_OK;
    ctx.out = NULL;
    cli_input_summary(&in, "extract");
done:
    rg_outfile_abort(ctx.out);
    cli_input_close(&in);
    return rc;
}
