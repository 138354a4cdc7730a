/* SPDX-License-Identifier: MIT */
/*
 * `relgraph diff A.json [B.json] [--period P1 [--period P2]]`: what changed
 * between the overall graphs of two metrics files, or between two periods
 * (of one file or of two). The report is built by rg_metrics_diff.
 */
#include <getopt.h> /* getopt_long, struct option */
#include <stdio.h>  /* printf, fwrite */

#include <relgraph/errors.h>
#include <relgraph/metrics.h>
#include <relgraph/text.h>
#include "cmd.h"
#include "error.h"
#include "opt.h"

static const cli_opt diff_opts[] = {
    { "period", required_argument, 'p', "KEY", "a period (2017-12, 2017-Q4, 2017, all); give two" },
    { "help", no_argument, 'h', NULL, "show this help" },
    { NULL, 0, 0, NULL, NULL }
};

static void diff_help(void)
{
    printf("usage: relgraph diff A.json B.json\n"
           "       relgraph diff A.json --period P1 --period P2\n"
           "       relgraph diff A.json B.json --period P1 [--period P2]\n\n"
           "Shows what changed from one graph to another: graph-level values, Spearman\n"
           "rank correlations, the biggest rank changes, and edges that appeared,\n"
           "disappeared or flipped sign (with the Jaccard index of the edge sets).\n"
           "Without --period the overall graphs are compared; one --period with two\n"
           "files compares that period in both.\n\n");
    cli_opt_print(diff_opts, 8, 5);
    printf("\nExample:\n  relgraph diff graphs/seeds/metrics.json --period 2017-11 --period 2017-12\n");
}

int cmd_diff(int argc, char **argv)
{
    struct option longopts[sizeof diff_opts / sizeof diff_opts[0]];
    const char *periods[2] = { NULL, NULL }, *a, *b;
    size_t n_periods = 0, len = 0;
    char *text = NULL;
    int c, rc;

    cli_opt_longopts(longopts, diff_opts);
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': diff_help(); return RG_EXIT_OK;
        case 'p':
            if (n_periods == 2) {
                return cli_usage_error("diff", "at most two --period options");
            }
            periods[n_periods++] = optarg;
            break;
        default: return cli_usage_error("diff", "bad option");
        }
    }
    if (argc - optind < 1 || argc - optind > 2) {
        return cli_usage_error("diff", "want one or two metrics files");
    }
    a = argv[optind];
    b = argc - optind == 2 ? argv[optind + 1] : a;
    if (b == a && n_periods != 2) {
        return cli_usage_error("diff", "with one file, give two --period options");
    }
    if (rg_metrics_diff(&text, &len, a, periods[0], b,
                        n_periods == 2 ? periods[1] : periods[0]) < 0) {
        const rg_error *e = rg_error_last();
        rc = cli_error_lib();
        return e && e->code == RG_EIO ? RG_EXIT_DATA : rc;
    }
    fwrite(text, 1, len, stdout);
    rg_free(text);
    return RG_EXIT_OK;
}
