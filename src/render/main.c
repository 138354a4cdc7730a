/* SPDX-License-Identifier: MIT */
/*
 * relgraph-render: pictures of the graphs that `relgraph build` writes.
 * Reads Graphology JSON files, writes DOT (cgraph) and PNG/SVG (gvc) beside
 * them or into -o DIR. This program links Graphviz and never igraph: the two
 * licences (EPL-1.0, GPL-2.0+) do not mix in one executable. Exit codes:
 * 0 ok, 1 runtime error, 2 usage error, 3 input rejected.
 */
#include <getopt.h> /* getopt_long */
#include <stdio.h>  /* printf, fprintf */
#include <string.h> /* strcmp, strtok_r */

#include <cgraph.h>          /* agseterr */
#include <relgraph/common.h> /* RG_VERSION */

#include "render.h"

static const char usage_text[] =
    "usage: relgraph-render [options] GRAPH.json...\n"
    "\n"
    "Draw Graphology JSON graphs written by `relgraph build`. Every actor keeps\n"
    "the same place in every picture, so periods compare side by side.\n"
    "\n"
    "  -f, --format FMT       dot, png or svg; repeat or comma-separate (default dot,png)\n"
    "  -s, --size-by ATTR     node attribute for box size (default pagerank)\n"
    "  -l, --layout-from FILE lay out this graph's actors once (default: all inputs)\n"
    "  -L, --layout ENGINE    neato (default), fdp, sfdp, or json (the x/y hints)\n"
    "      --strip FILE.png   also draw all periods side by side in one PNG\n"
    "      --no-ghosts        hide actors absent from a period (canvas unchanged)\n"
    "  -o, --output-dir DIR   write here instead of beside each input\n"
    "  -v, --verbose          name each file written on stderr\n"
    "  -h, --help             this help\n"
    "  -V, --version          version\n"
    "\n"
    "Outputs: NAME.dot, NAME.png, NAME.svg for each NAME.json.\n"
    "Exit: 0 ok, 1 runtime error, 2 usage error, 3 input rejected.\n";

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "relgraph-render: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'relgraph-render --help'.\n");
    return RR_USAGE;
}

static int add_formats(rr_args *a, char *list)
{
    static const char *const known[] = { "dot", "png", "svg" };
    char *save = NULL, *f;
    size_t i, j;

    for (f = strtok_r(list, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        for (i = 0; i < 3 && strcmp(f, known[i]) != 0; i++) {
        }
        if (i == 3) {
            return usage_error("unknown format (want dot, png or svg)", f);
        }
        for (j = 0; j < a->n_formats && a->formats[j] != known[i]; j++) {
        }
        if (j == a->n_formats) {
            a->formats[a->n_formats++] = known[i];
        }
    }
    return RR_OK;
}

static int check_engine(const char *e)
{
    return strcmp(e, "neato") == 0 || strcmp(e, "fdp") == 0 || strcmp(e, "sfdp") == 0
           || strcmp(e, "json") == 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'f' },
        { "size-by", required_argument, NULL, 's' },
        { "layout-from", required_argument, NULL, 'l' },
        { "layout", required_argument, NULL, 'L' },
        { "strip", required_argument, NULL, 'S' },
        { "no-ghosts", no_argument, NULL, 'G' },
        { "output-dir", required_argument, NULL, 'o' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    rr_args a;
    int c, rc;

    memset(&a, 0, sizeof a);
    a.o.size_by = "pagerank";
    a.o.engine = "neato";
    a.o.ghosts = 1;
    opterr = 0;
    agseterr(AGERR); /* Graphviz warnings (e.g. spline fallback) are not ours to show */
    while ((c = getopt_long(argc, argv, ":f:s:l:L:o:vhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((rc = add_formats(&a, optarg)) != RR_OK) {
                return rc;
            }
            break;
        case 's': a.o.size_by = optarg; break;
        case 'l': a.layout_from = optarg; break;
        case 'L':
            if (!check_engine(optarg)) {
                return usage_error("unknown layout (want neato, fdp, sfdp or json)", optarg);
            }
            a.o.engine = optarg;
            break;
        case 'S': a.strip = optarg; break;
        case 'G': a.o.ghosts = 0; break;
        case 'o': a.outdir = optarg; break;
        case 'v': a.verbose = 1; break;
        case 'h': fputs(usage_text, stdout); return RR_OK;
        case 'V': printf("relgraph-render %s\n", RG_VERSION); return RR_OK;
        case ':': return usage_error("option needs a value", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (optind >= argc) {
        return usage_error("no input file", NULL);
    }
    if (*a.o.size_by == '\0') {
        return usage_error("--size-by needs an attribute name", NULL);
    }
    if (a.n_formats == 0) {
        a.formats[a.n_formats++] = "dot";
        a.formats[a.n_formats++] = "png";
    }
    a.inputs = argv + optind;
    a.n_inputs = (size_t)(argc - optind);
    return rr_run(&a);
}
