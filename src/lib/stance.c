/* SPDX-License-Identifier: MIT */
/* PLACEHOLDER until the stance issue lands: finds no stance. Replaced by the stance module. */
#include <relgraph/stance.h>
#include "common.h"

struct rg_lexicon { int unused; };
struct rg_stance_ctx { int unused; };

int rg_lexicon_default(rg_lexicon **out) { *out = rg__calloc(1, sizeof **out); return *out ? RG_OK : RG_ERROR; }
int rg_lexicon_load(rg_lexicon **out, const char *path) { (void)path; return rg_lexicon_default(out); }
void rg_lexicon_free(rg_lexicon *lx) { rg__free(lx); }
int rg_stance_ctx_new(rg_stance_ctx **out, const rg_actors *a, const rg_date *date, const rg_stance_options *opts)
{ (void)a; (void)date; (void)opts; *out = rg__calloc(1, sizeof **out); return *out ? RG_OK : RG_ERROR; }
void rg_stance_ctx_free(rg_stance_ctx *ctx) { rg__free(ctx); }
int rg_stance_sentence(rg_relation **rels, size_t *n, size_t *cap, const rg_lexicon *lx, rg_stance_ctx *ctx,
                       const char *text, rg_span sent, size_t index, const rg_mention *mentions, size_t n_mentions)
{ (void)rels; (void)n; (void)cap; (void)lx; (void)ctx; (void)text; (void)sent; (void)index; (void)mentions; (void)n_mentions; return RG_OK; }
