/* SPDX-License-Identifier: MIT */
/* Shared input options of `extract` and `build`, warnings and the summary. */
#include <pthread.h> /* pthread_create, pthread_join */
#include <signal.h>  /* sigaction, SIGINT */
#include <stdio.h>   /* fprintf */
#include <stdlib.h>  /* strtol, strtoull */
#include <string.h>  /* memset, strcmp */
#include <unistd.h>  /* isatty */

#include <relgraph/date.h>
#include <relgraph/errors.h>
#include <relgraph/text.h>
#include "error.h"
#include "input.h"

#define CLI_WARN_SHOWN_MAX 20

static volatile sig_atomic_t interrupted;
static volatile int stop_flag;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
    stop_flag = 1;
}

static void input_warn(rg_warning kind, const char *where, const char *msg, void *payload)
{
    cli_input *in = payload;

    if (kind == RG_WARN_UNDATED) {
        in->undated++;
    }
    if (cli_verbosity == 0) {
        return;
    }
    if (++in->shown[kind] <= CLI_WARN_SHOWN_MAX || cli_verbosity > 1) {
        fprintf(stderr, "relgraph: warning: %s: %s\n", where, msg);
    } else if (in->shown[kind] == CLI_WARN_SHOWN_MAX + 1) {
        fprintf(stderr, "relgraph: warning: further '%s' warnings not shown (-v shows all)\n",
                rg_warning_name(kind));
    }
}

void cli_input_init(cli_input *in)
{
    static const rg_reader_options ropts = RG_READER_OPTIONS_INIT;

    memset(in, 0, sizeof *in);
    in->ropts = ropts;
    in->ropts.warn = input_warn;
    in->ropts.payload = in;
    in->ropts.stop = &stop_flag;
    in->html = -1;
    in->max_actors = 100000;
}

/* A positive decimal count for option `name` into *out; 0, or -1 after a usage message. */
static int input_count(size_t *out, const char *cmd, const char *name, const char *arg)
{
    char *end;
    unsigned long long v = strtoull(arg, &end, 10);

    if (*end || end == arg || v == 0 || arg[0] == '-') {
        cli_usage_error(cmd, "--%s wants a positive number, not '%s'", name, arg);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int cli_input_option(cli_input *in, const char *cmd, int opt, const char *arg)
{
    char *end;
    long v;

    switch (opt) {
    case 1000: in->ropts.id_field = arg; return 1;
    case 1001: in->ropts.date_field = arg; return 1;
    case 1002:
        if (in->ropts.n_text_fields >= CLI_MAX_TEXT_FIELDS) {
            cli_usage_error(cmd, "at most %d --text-field options", CLI_MAX_TEXT_FIELDS);
            return -1;
        }
        in->text_fields[in->ropts.n_text_fields++] = arg;
        in->ropts.text_fields = in->text_fields;
        return 1;
    case 1003: in->ropts.manifest = arg; return 1;
    case 1004: {
        rg_date d;
        if (rg_date_parse_iso(&d, arg, strlen(arg)) < 0) {
            rg_error_clear();
            cli_usage_error(cmd, "--date wants YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", arg);
            return -1;
        }
        in->ropts.date = arg;
        return 1;
    }
    case 1005: in->actors_path = arg; return 1;
    case 1006: in->lexicon_path = arg; return 1;
    case 1007:
        v = strtol(arg, &end, 10);
        if (*end || v < 1 || v > 64) {
            cli_usage_error(cmd, "--threads wants a number from 1 to 64, not '%s'", arg);
            return -1;
        }
        in->threads = (int)v;
        return 1;
    case 1008: in->ropts.strict = 1; return 1;
    case 1009: in->attribute_states = 1; return 1;
    case 1010: return input_count(&in->ropts.max_doc_bytes, cmd, "max-doc-bytes", arg) ? -1 : 1;
    case 1011: in->no_boilerplate = 1; return 1;
    case 1012: in->html = 1; return 1;
    case 1013: in->html = 0; return 1;
    case 1014: return input_count(&in->ropts.max_docs, cmd, "max-docs", arg) ? -1 : 1;
    case 1015: return input_count(&in->max_actors, cmd, "max-actors", arg) ? -1 : 1;
    case 1016:
        if (in->n_extensions >= CLI_MAX_EXTENSIONS) {
            cli_usage_error(cmd, "at most %d --actors-extend options", CLI_MAX_EXTENSIONS);
            return -1;
        }
        in->extensions[in->n_extensions++] = arg;
        return 1;
    default: return 0;
    }
}

/* The boilerplate rules, then the lexicon: 0, or -1 with the library's
 * error set on the calling thread. The rules come first: they are the first
 * to fold text, so on the helper thread below the fold's tables (built once,
 * about 1 M instructions) are ready when the dictionary's forms need them. */
static int input_load_side(cli_input *in)
{
    if (!in->no_boilerplate && rg_boilerplate_default(&in->bp) < 0) {
        return -1;
    }
    return (in->lexicon_path ? rg_lexicon_load(&in->lexicon, in->lexicon_path)
                             : rg_lexicon_default(&in->lexicon)) < 0 ? -1 : 0;
}

/*
 * HOW IT WORKS: start-up on two cores. The lexicon and the boilerplate
 * rules do not depend on the dictionary, so a second thread loads them
 * while this one parses the dictionary (the lexicon is about a third of
 * the start-up's own work, and the second core is idle until extraction
 * starts). The library keeps its last error per thread, so a failure on
 * the helper is not reported from there: the caller frees what the helper
 * made and loads again itself, and reports its own error (a file that
 * fails to load fails the same way twice; after an allocation failure the
 * second try may simply succeed). If the thread cannot start, the caller
 * does the work in turn, as before.
 */
typedef struct {
    cli_input *in;
    pthread_t thread;
    int started;
    int error;
} side_load;

static void *side_load_run(void *arg)
{
    side_load *s = arg;

    s->error = input_load_side(s->in);
    return NULL;
}

static void side_load_start(side_load *s, cli_input *in)
{
    s->in = in;
    s->error = 0;
    s->started = pthread_create(&s->thread, NULL, side_load_run, s) == 0;
}

/* Joins the helper (always, even when the caller has failed meanwhile);
 * returns 0, or -1 with the error set on the calling thread. */
static int side_load_finish(side_load *s)
{
    if (!s->started) {
        return input_load_side(s->in);
    }
    pthread_join(s->thread, NULL);
    if (s->error >= 0) {
        return 0;
    }
    rg_boilerplate_free(s->in->bp);
    rg_lexicon_free(s->in->lexicon);
    s->in->bp = NULL;
    s->in->lexicon = NULL;
    return input_load_side(s->in);
}

/* The dictionary, with --actors-extend and --max-actors: an exit code. */
static int input_load_actors(cli_input *in)
{
    int error;

    if (in->n_extensions) {
        error = rg_actors_load_extended(&in->actors, in->actors_path, in->extensions,
                                        in->n_extensions);
    } else {
        error = in->actors_path ? rg_actors_load(&in->actors, in->actors_path)
                                : rg_actors_default(&in->actors);
    }
    if (error < 0) {
        return cli_error_lib();
    }
    if (rg_actors_count(in->actors) > in->max_actors) {
        cli_error("%s: %zu actors, more than --max-actors %zu",
                  in->actors_path ? in->actors_path : "the built-in dictionary",
                  rg_actors_count(in->actors), in->max_actors);
        return RG_EXIT_DATA;
    }
    return RG_EXIT_OK;
}

int cli_input_open(cli_input *in, char **inputs, int n)
{
    rg_extract_options xo;
    struct sigaction sa;
    side_load side;
    int code;

    memset(&xo, 0, sizeof xo);
    side_load_start(&side, in);
    code = input_load_actors(in);
    if (side_load_finish(&side) < 0 && code == RG_EXIT_OK) {
        return cli_error_lib();
    }
    if (code != RG_EXIT_OK) {
        return code;
    }
    xo.actors = in->actors;
    xo.lexicon = in->lexicon;
    xo.boilerplate = in->bp;
    xo.clean.html = in->html;
    xo.clean.boilerplate = !in->no_boilerplate;
    xo.stance.attribute_states = in->attribute_states;
    if (rg_extractor_new(&in->ex, &xo) < 0) {
        return cli_error_lib();
    }
    if (rg_reader_new(&in->reader, (const char *const *)inputs, (size_t)n, &in->ropts) < 0) {
        return cli_error_lib();
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C kills at once */
    sigaction(SIGINT, &sa, NULL);
    return RG_EXIT_OK;
}

typedef struct {
    cli_input *in;
    rg_evidence_cb cb;
    void *payload;
    int progress;
} run_ctx;

static int run_one(const rg_evidence *ev, void *payload)
{
    run_ctx *rc = payload;
    char where[600];

    if (ev->doc->date_source == RG_DATE_NONE) {
        snprintf(where, sizeof where, "%s", ev->doc->origin);
        input_warn(RG_WARN_UNDATED, where, "no date found; kept out of periods", rc->in);
    }
    rc->in->evidence_docs++;
    if (rc->progress && rc->in->evidence_docs % 1000 == 0) {
        fprintf(stderr, "\r%zu documents", rc->in->evidence_docs);
    }
    return rc->cb(ev, rc->payload);
}

int cli_input_run(cli_input *in, rg_evidence_cb cb, void *payload)
{
    rg_pipeline_options po = RG_PIPELINE_OPTIONS_INIT;
    run_ctx rc = { in, cb, payload, 0 };
    int error;

    rc.progress = cli_verbosity > 0 && isatty(STDERR_FILENO);
    po.threads = in->threads;
    po.stop = &stop_flag;
    po.json_actors = in->want_json ? in->actors : NULL;
    po.release_text = 1; /* the callbacks need no cleaned text */
    /* without lines, the callback (build's) reads no sentence count */
    po.lazy_sentences = !in->want_json;
    error = rg_pipeline_run(in->reader, in->ex, &po, run_one, &rc);
    if (rc.progress) {
        fputs("\r", stderr);
    }
    if (interrupted) {
        cli_error("interrupted; outputs written so far are complete files, the run is not");
        return RG_EXIT_ERROR;
    }
    return error < 0 ? cli_error_lib() : RG_EXIT_OK;
}

void cli_input_summary(const cli_input *in, const char *cmd)
{
    const rg_reader_stats *st;
    int k, any = 0;

    if (!in->reader || cli_verbosity == 0) {
        return;
    }
    st = rg_reader_stats_get(in->reader);
    fprintf(stderr, "relgraph %s: %zu documents read, %zu skipped", cmd, st->read, st->skipped);
    for (k = 0; k < RG_WARN__COUNT; k++) {
        if (st->skipped_by[k]) {
            fprintf(stderr, "%s%s %zu", any ? ", " : " (", rg_warning_name(k), st->skipped_by[k]);
            any = 1;
        }
    }
    fprintf(stderr, "%s, %zu undated", any ? ")" : "", in->undated);
    any = 0;
    for (k = 0; k < RG_WARN__COUNT; k++) {
        size_t n = st->warnings[k] - st->skipped_by[k];
        if (k != RG_WARN_UNDATED && n) {
            fprintf(stderr, "%s%s %zu", any ? ", " : "; warnings: ", rg_warning_name(k), n);
            any = 1;
        }
    }
    fputc('\n', stderr);
}

void cli_input_close(cli_input *in)
{
    rg_reader_free(in->reader);
    rg_extractor_free(in->ex);
    rg_boilerplate_free(in->bp);
    rg_lexicon_free(in->lexicon);
    rg_actors_free(in->actors);
    memset(in, 0, sizeof *in);
}
