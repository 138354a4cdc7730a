/* SPDX-License-Identifier: MIT */
/*
 * Evidence: what one document says about actors. Mentions, co-mentions,
 * stances and tone, each with its provenance (sentence, byte spans, cue).
 * Offsets in these structs are into the CLEANED text (rg_evidence.clean);
 * rg_evidence_to_json() maps them back to the document text as read.
 */
#ifndef RELGRAPH_EVIDENCE_H
#define RELGRAPH_EVIDENCE_H

#include "actors.h"
#include "common.h"
#include "reader.h"
#include "sentence.h"

typedef struct {
    int actor;            /* dictionary index */
    size_t sentence;      /* index into rg_evidence.sentences */
    size_t start, end;    /* span in the cleaned text */
    rg_mention_kind kind;
} rg_mention;

typedef enum {
    RG_REL_COMENTION = 0, /* unordered pair sharing a sentence; source < target by id */
    RG_REL_STANCE = 1,    /* directed, signed */
    RG_REL_TONE = 2       /* undirected characterisation; source < target by id */
} rg_relation_type;

RG_EXTERN(const char *) rg_relation_type_name(rg_relation_type t);

typedef struct {
    rg_relation_type type;
    int source, target;       /* dictionary indices */
    size_t sentence;          /* index into rg_evidence.sentences */
    int sign;                 /* stance/tone: +1, -1 (0 neutral) */
    double weight;            /* stance/tone: intensity, Goldstein |-10..10| */
    const char *category;     /* stance/tone: static string from the lexicon, else NULL */
    size_t cue_start, cue_end;/* stance/tone: the cue's span in the cleaned text */
} rg_relation;

typedef struct rg_evidence {
    const rg_document *doc;   /* borrowed; must outlive the evidence */
    char *clean;              /* cleaned text */
    size_t clean_len;
    size_t *clean_map;        /* clean byte -> document byte (clean_len + 1 entries) */
    rg_span *sentences;       /* sentence spans in the cleaned text, repeats dropped */
    size_t n_sentences;
    rg_mention *mentions;     /* in text order */
    size_t n_mentions;
    rg_relation *relations;   /* deterministic order: by sentence, then type, source, target */
    size_t n_relations;
    char *json;               /* its rg_evidence_to_json() line when the pipeline made it
                               * (rg_pipeline_options.json_actors), else NULL */
    size_t json_len;
} rg_evidence;

RG_EXTERN(void) rg_evidence_free(rg_evidence *ev);

/**
 * Serialise one document's evidence as one JSON Lines object (with the final
 * newline), in the format of docs/evidence.md. Keys in a fixed order.
 * @param[out] out  free with rg_free()
 */
RG_EXTERN(int) rg_evidence_to_json(char **out, size_t *out_len, const rg_evidence *ev,
                                   const rg_actors *actors);

#endif
