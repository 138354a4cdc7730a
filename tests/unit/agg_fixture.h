/* SPDX-License-Identifier: MIT */
/*
 * Shared by test_graph.c, test_graph_files.c, test_export_mem.c and
 * test_threads.c: hand-built documents fed to an aggregate, without
 * extraction. The including file defines `static const char dict_json[]`
 * (a dictionary) and `static rg_actors *dict;` (loaded from it by the group
 * setup below) before it, or defines AGG_FIXTURE_ABC and gets both from
 * here, with the three persons a, b and c.
 */
#ifndef RG_TEST_AGG_FIXTURE_H
#define RG_TEST_AGG_FIXTURE_H

#include <math.h>   /* fabs */
#include <stdint.h> /* uintptr_t */
#include <string.h> /* memset */

#include <relgraph/actors.h>
#include <relgraph/errors.h>
#include <relgraph/evidence.h>
#include <relgraph/graph.h>

#define AGG_FIXTURE_MAX 64

#ifdef AGG_FIXTURE_ABC
static const char dict_json[] =
    "{\"schema\": 1, \"actors\": ["
    "{\"id\": \"a\", \"label\": \"Anne Alpha\", \"type\": \"person\", \"aliases\": [\"Anne Alpha\"]},"
    "{\"id\": \"b\", \"label\": \"Bruno Beta\", \"type\": \"person\", \"aliases\": [\"Bruno Beta\"]},"
    "{\"id\": \"c\", \"label\": \"Chloe Gamma\", \"type\": \"person\", \"aliases\": [\"Chloe Gamma\"]}"
    "]}";
static rg_actors *dict;
#endif

/* One relation: 'c' co-mention, 's' stance src -> dst, 't' tone, with its
 * signed weight (the sign gives `sign`, the magnitude `weight`). */
typedef struct {
    char type;
    const char *src, *dst;
    double signed_weight;
    size_t sentence;
} rel;

/* Adds a document dated year-month (0 for none) holding `rels`, each with
 * a mention of both ends; returns rg_agg_add's result. */
static int agg_fixture_add(rg_agg *agg, const char *id, int year, int month, const rel *rels,
                           size_t n)
{
    rg_document doc;
    rg_evidence ev;
    rg_relation r[AGG_FIXTURE_MAX];
    rg_mention m[2 * AGG_FIXTURE_MAX];
    size_t i;

    assert_true(n <= AGG_FIXTURE_MAX);
    memset(&doc, 0, sizeof doc);
    memset(&ev, 0, sizeof ev);
    memset(r, 0, sizeof r);
    memset(m, 0, sizeof m);
    doc.id = (char *)(uintptr_t)id;
    doc.date.year = year;
    doc.date.month = month;
    for (i = 0; i < n; i++) {
        r[i].type = rels[i].type == 'c' ? RG_REL_COMENTION
                    : rels[i].type == 's' ? RG_REL_STANCE : RG_REL_TONE;
        r[i].source = rg_actors_find(dict, rels[i].src);
        r[i].target = rg_actors_find(dict, rels[i].dst);
        assert_true(r[i].source >= 0 && r[i].target >= 0);
        r[i].sentence = rels[i].sentence;
        r[i].sign = rels[i].signed_weight > 0 ? 1 : rels[i].signed_weight < 0 ? -1 : 0;
        r[i].weight = fabs(rels[i].signed_weight);
        m[2 * i].actor = r[i].source;
        m[2 * i + 1].actor = r[i].target;
    }
    ev.doc = &doc;
    ev.relations = r;
    ev.n_relations = n;
    ev.mentions = m;
    ev.n_mentions = 2 * n;
    return rg_agg_add(agg, &ev);
}

/* cmocka group setup and teardown: the library and `dict`. */
static int agg_fixture_setup(void **state)
{
    (void)state;
    rg_init();
    return rg_actors_from_buffer(&dict, dict_json, sizeof dict_json - 1, "test") == RG_OK ? 0 : -1;
}

static int agg_fixture_teardown(void **state)
{
    (void)state;
    rg_actors_free(dict);
    rg_shutdown();
    return 0;
}

#endif
