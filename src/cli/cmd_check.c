/* SPDX-License-Identifier: MIT */
/*
 * `relgraph check --baseline OLD.json [--tolerance X] [--metric NAME]... NEW.json`:
 * regression check of a metrics file against a baseline. The comparison
 * lives in the library (rg_metrics_check); this file parses options.
 */
#include <getopt.h> /* getopt_long, struct option */
#include <math.h>   /* isfinite */
#include <stdio.h>  /* printf, fputs */
#include <stdlib.h> /* strtod */

#include <relgraph/errors.h>
#include <relgraph/metrics.h>
#include <relgraph/text.h>
#include "cmd.h"
#include "error.h"
#include "opt.h"

#define CHECK_MAX_METRICS 64

static const cli_opt check_opts[] = {
    { "baseline", required_argument, 'b', "OLD.json", "metrics file to compare against (required)" },
    { "tolerance", required_argument, 't', "X", "absolute tolerance (default 1e-6)" },
    { "metric", required_argument, 'm', "NAME", "only this metric or field (repeatable)" },
    { "help", no_argument, 'h', NULL, "show this help" },
    { NULL, 0, 0, NULL, NULL }
};

static void check_help(void)
{
    printf("usage: relgraph check --baseline OLD.json [OPTIONS] NEW.json\n\n"
           "Compares every metric of NEW.json (overall and per period) with OLD.json and\n"
           "prints a table (actor, metric, period, old, new, delta) of what moved by more\n"
           "than the tolerance, and of periods, actors and edges that appeared or\n"
           "disappeared. Exit 0 when nothing did, 1 when something did, 2 on a usage\n"
           "error, 3 when a file cannot be read or is not valid JSON.\n\n");
    cli_opt_print(check_opts, 10, 9);
    printf("\nExample:\n  relgraph check --baseline golden/metrics.json --metric pagerank out/metrics.json\n");
}

static int check_run(const char *baseline, const char *path, const rg_check_options *co)
{
    char *table = NULL;
    size_t len = 0, n = 0;
    int rc;

    if (rg_metrics_check(&table, &len, &n, baseline, path, co) < 0) {
        const rg_error *e = rg_error_last();
        rc = cli_error_lib();
        return e && e->code == RG_EIO ? RG_EXIT_DATA : rc;
    }
    fwrite(table, 1, len, stdout);
    if (n > 0) {
        printf("%zu change%s beyond tolerance %g\n", n, n == 1 ? "" : "s", co->tolerance);
    } else {
        printf("no change beyond tolerance %g\n", co->tolerance);
    }
    rg_free(table);
    return n > 0 ? RG_EXIT_ERROR : RG_EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    struct option longopts[sizeof check_opts / sizeof check_opts[0]];
    const char *metrics[CHECK_MAX_METRICS];
    rg_check_options co = RG_CHECK_OPTIONS_INIT;
    const char *baseline = NULL;
    char *end;
    int c;

    cli_opt_longopts(longopts, check_opts);
    co.metrics = metrics;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': check_help(); return RG_EXIT_OK;
        case 'b': baseline = optarg; break;
        case 't':
            co.tolerance = strtod(optarg, &end);
            if (*end || end == optarg || !isfinite(co.tolerance) || co.tolerance < 0) {
                return cli_usage_error("check", "--tolerance wants a number >= 0, not \"%s\"", optarg);
            }
            break;
        case 'm':
            if (co.n_metrics == CHECK_MAX_METRICS) {
                return cli_usage_error("check", "too many --metric options");
            }
            metrics[co.n_metrics++] = optarg;
            break;
        default: return cli_usage_error("check", "bad option");
        }
    }
    if (!baseline) {
        return cli_usage_error("check", "--baseline OLD.json is required");
    }
    if (argc - optind != 1) {
        return cli_usage_error("check", "want exactly one metrics file to check");
    }
    return check_run(baseline, argv[optind], &co);
}
