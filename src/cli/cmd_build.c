/* SPDX-License-Identifier: MIT */
/*
 * `relgraph build`: the whole job. Extraction streams into per-period
 * aggregates; then graphs, metrics and every export are written into DIR.
 */
#include <getopt.h> /* getopt_long */
#include <limits.h> /* PATH_MAX */
#include <stdio.h>  /* printf, snprintf */
#include <stdlib.h> /* getenv */
#include <string.h> /* strcmp, strrchr */
#include <unistd.h> /* readlink, access */

#include <relgraph/errors.h>
#include <relgraph/export.h>
#include <relgraph/graph.h>
#include <relgraph/io.h>
#include <relgraph/metrics.h>
#include <relgraph/text.h>
#include "cmd.h"
#include "error.h"
#include "input.h"

#define BUILD_MAX_FORMATS 3

static const struct option build_opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "period", required_argument, NULL, 'p' },
    { "layer", required_argument, NULL, 'l' },
    { "png", no_argument, NULL, 'P' },
    { "format", required_argument, NULL, 'f' },
    { "size-by", required_argument, NULL, 's' },
    { "evidence", no_argument, NULL, 'e' },
    { "help", no_argument, NULL, 'h' },
    CLI_INPUT_LONGOPTS,
    { NULL, 0, NULL, 0 }
};

static void build_help(void)
{
    printf("usage: relgraph build [OPTIONS] INPUT... -o DIR\n\n"
           "Extracts evidence, aggregates it per period and overall, computes metrics\n"
           "with igraph and writes into DIR: metrics.json, graph.json and\n"
           "periods/KEY.json (Graphology JSON), graph.gexf (GEXF 1.3, dynamic),\n"
           "nodes.csv and edges.csv; with --png also DOT and PNG pictures.\n\n"
           "  -o, --output DIR       output folder (default graphs)\n"
           "  --period P             month (default), quarter or year\n"
           "  --layer L              persons (default), states or all\n"
           "  --png                  also draw DOT and PNG with relgraph-render\n"
           "  --format F             picture formats: dot, png, svg (repeatable)\n"
           "  --size-by METRIC       node size in pictures (default pagerank)\n"
           "  --evidence             also write DIR/evidence.jsonl (the extract output)\n"
           "%s\n"
           "Example:\n"
           "  relgraph build --manifest corpus/seeds/manifest.tsv --png -o graphs/seeds corpus/seeds\n",
           CLI_INPUT_HELP);
}

typedef struct {
    rg_agg *agg;
    rg_outfile *evidence;
    const rg_actors *actors;
} build_ctx;

static int build_add(const rg_evidence *ev, void *payload)
{
    build_ctx *ctx = payload;
    char *json = NULL;
    size_t len;
    int error;

    if ((error = rg_agg_add(ctx->agg, ev)) < 0) {
        return error;
    }
    if (!ctx->evidence) {
        return RG_OK;
    }
    if (ev->json) { /* made by the extracting thread */
        return rg_outfile_write(ctx->evidence, ev->json, ev->json_len);
    }
    if ((error = rg_evidence_to_json(&json, &len, ev, ctx->actors)) < 0) {
        return error;
    }
    error = rg_outfile_write(ctx->evidence, json, len);
    rg_free(json);
    return error;
}

/* relgraph-render: $RELGRAPH_RENDER, else beside this executable, else PATH. */
static const char *find_render(char *buf, size_t size)
{
    const char *env = getenv("RELGRAPH_RENDER");
    ssize_t n;
    char *slash;

    if (env && *env) {
        return env;
    }
    n = readlink("/proc/self/exe", buf, size - 32);
    if (n > 0) {
        buf[n] = '\0';
        if ((slash = strrchr(buf, '/')) != NULL) {
            strcpy(slash + 1, "relgraph-render");
            if (access(buf, X_OK) == 0) {
                return buf;
            }
        }
    }
    return "relgraph-render";
}

/* Everything after extraction: graphs, metrics, exports, pictures. */
static int build_write(build_ctx *ctx, const char *dir, const char *const *formats,
                       size_t n_formats, const char *size_by)
{
    char exe[PATH_MAX];
    size_t n_stale;

    if (rg_agg_export(ctx->agg, dir) < 0) {
        return cli_error_lib();
    }
    if (n_formats &&
        rg_export_render(find_render(exe, sizeof exe), dir, formats, n_formats, size_by) < 0) {
        return cli_error_lib();
    }
    if (rg_agg_prune_periods(ctx->agg, dir, &n_stale) < 0) {
        return cli_error_lib();
    }
    if (n_stale && cli_verbosity > 0) {
        fprintf(stderr, "relgraph build: removed %zu file%s of periods this build does not have "
                "from %s/periods\n", n_stale, n_stale == 1 ? "" : "s", dir);
    }
    return RG_EXIT_OK;
}

int cmd_build(int argc, char **argv)
{
    rg_agg_options ao = RG_AGG_OPTIONS_INIT;
    build_ctx ctx = { NULL, NULL, NULL };
    const char *dir = "graphs", *size_by = "pagerank";
    const char *formats[BUILD_MAX_FORMATS];
    size_t n_formats = 0;
    int c, rc, want_evidence = 0;
    char path[PATH_MAX];
    cli_input in;

    cli_input_init(&in);
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", build_opts, NULL)) != -1) {
        switch (c) {
        case 'h': build_help(); return RG_EXIT_OK;
        case 'o': dir = optarg; break;
        case 'e': want_evidence = 1; break;
        case 's':
            if (rg_metric_from_name(optarg) < 0) {
                return cli_usage_error("build", "--size-by wants a node metric (pagerank, "
                                       "betweenness, degree, ...), not '%s'", optarg);
            }
            size_by = optarg;
            break;
        case 'p':
            if (rg_period_kind_parse(&ao.period, optarg) < 0) {
                return cli_usage_error("build", "--period wants month, quarter or year");
            }
            break;
        case 'l':
            if (rg_layer_parse(&ao.layer, optarg) < 0) {
                return cli_usage_error("build", "--layer wants persons, states or all");
            }
            break;
        case 'P':
        case 'f':
            if (c == 'f' && strcmp(optarg, "dot") && strcmp(optarg, "png") && strcmp(optarg, "svg")) {
                return cli_usage_error("build", "--format wants dot, png or svg");
            }
            if (n_formats < BUILD_MAX_FORMATS) {
                formats[n_formats++] = c == 'P' ? "png" : optarg;
            }
            if (c == 'P' && n_formats < BUILD_MAX_FORMATS) {
                formats[n_formats++] = "dot";
            }
            break;
        default:
            if ((rc = cli_input_option(&in, "build", c, optarg)) <= 0) {
                return rc < 0 ? RG_EXIT_USAGE : cli_usage_error("build", "bad option");
            }
        }
    }
    if (optind >= argc) {
        return cli_usage_error("build", "no input given");
    }
    in.want_json = want_evidence;
    if ((rc = cli_input_open(&in, argv + optind, argc - optind)) != RG_EXIT_OK) {
        goto done;
    }
    ctx.actors = in.actors;
    if (rg_mkdir_p(dir) < 0 || rg_agg_new(&ctx.agg, in.actors, &ao) < 0) {
        rc = cli_error_lib();
        goto done;
    }
    snprintf(path, sizeof path, "%s/evidence.jsonl", dir);
    if (want_evidence && rg_outfile_open(&ctx.evidence, path) < 0) {
        rc = cli_error_lib();
        goto done;
    }
    if ((rc = cli_input_run(&in, build_add, &ctx)) != RG_EXIT_OK) {
        goto done;
    }
    if (ctx.evidence) {
        int e = rg_outfile_commit(ctx.evidence);
        ctx.evidence = NULL;
        if (e < 0) {
            rc = cli_error_lib();
            goto done;
        }
    }
    rc = build_write(&ctx, dir, formats, n_formats, size_by);
    cli_input_summary(&in, "build");
done:
    rg_outfile_abort(ctx.evidence);
    rg_agg_free(ctx.agg);
    cli_input_close(&in);
    return rc;
}
