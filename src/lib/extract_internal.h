/* SPDX-License-Identifier: MIT */
/*
 * Private interface of the extractor for the pipeline: buffers kept from
 * document to document on an extracting thread, and the extraction that
 * formats the JSON line and gives the text back at once.
 */
#ifndef RG_LIB_EXTRACT_INTERNAL_H
#define RG_LIB_EXTRACT_INTERNAL_H

#include <relgraph/extract.h>
#include "clean_internal.h" /* clean_segs */
#include "strbuf.h"         /* rg_strbuf */

/*
 * Between rg_extract__reuse_begin() and rg_extract__reuse_end() on one
 * thread, the buffers an extraction needs only while it runs (the fold key
 * and its map, the HTML pass's output, the sort buffer) and those of a
 * lean rg_extract__run are kept for the next document of that thread
 * instead of being allocated and freed for each one (malloc and free were 5% of
 * extraction cycles, most of it for these blocks of 9 bytes per text
 * byte). Calls nest; the outermost _end() frees them.
 */
void rg_extract__reuse_begin(void);
void rg_extract__reuse_end(void);

/*
 * rg_extract_document, then, when json is non-NULL, the JSON line into
 * (*out)->json (rg_evidence_to_json with these actors), formatted in a
 * buffer kept within a reuse bracket and copied once at its size. When
 * lean, the cleaned text, its map and the sentence spans are then dropped
 * ((*out)->clean, clean_map and sentences NULL:
 * rg_pipeline_options.release_text): within a reuse bracket they are the
 * thread's kept buffers.
 * @return as rg_extract_document (nothing in *out on error)
 */
int rg_extract__run(rg_evidence **out, const rg_extractor *ex, rg_document *doc,
                    const rg_actors *json, int lean);

/* The JSON line of ev appended to b (rg_evidence_to_json, evidence.c),
 * its offsets mapped through ev->clean_map or, when sg is non-NULL, the
 * segments of that map (rg_clean__text_segs; ev->clean_map unused). */
int rg_evidence__json_put(rg_strbuf *b, const rg_evidence *ev, const rg_actors *a,
                          const clean_segs *sg);

#endif
