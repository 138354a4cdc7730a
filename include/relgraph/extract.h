/* SPDX-License-Identifier: MIT */
/*
 * The extractor: document -> evidence. A pure function of (document,
 * dictionary, lexicon, boilerplate rules): the extractor is read-only after
 * creation and may be shared by many threads.
 * Pipeline: clean -> date (header token, French date near the top) ->
 * sentences (repeats dropped) -> mentions -> co-mentions -> stance and tone.
 */
#ifndef RELGRAPH_EXTRACT_H
#define RELGRAPH_EXTRACT_H

#include "actors.h"
#include "clean.h"
#include "common.h"
#include "evidence.h"
#include "reader.h"
#include "stance.h"

typedef struct {
    const rg_actors *actors;     /* required; borrowed */
    const rg_lexicon *lexicon;   /* NULL: no stance or tone */
    const rg_boilerplate *boilerplate; /* NULL: no boilerplate removal */
    rg_clean_options clean;
    rg_stance_options stance;
    size_t date_window;          /* bytes searched for an in-text date; 0 = 400 */
} rg_extract_options;

typedef struct rg_extractor rg_extractor;

/** Build the matcher once. @param[out] out free with rg_extractor_free() */
RG_EXTERN(int) rg_extractor_new(rg_extractor **out, const rg_extract_options *opts);
RG_EXTERN(void) rg_extractor_free(rg_extractor *ex);

/**
 * Extract evidence from one document. When the document has no date yet the
 * extractor looks for a header token, then a French date near the top, and
 * fills doc->date / doc->date_source (hence the non-const document).
 * @param[out] out  free with rg_evidence_free(); borrows doc
 * @return RG_OK or RG_ERROR (OOM)
 * Complexity: O(len) for a fixed dictionary and lexicon.
 */
RG_EXTERN(int) rg_extract_document(rg_evidence **out, const rg_extractor *ex,
                                   rg_document *doc);

#endif
