/* SPDX-License-Identifier: MIT */
/*
 * relgraph: French news articles to a relationship knowledge graph.
 * Umbrella header: includes every public module. Call rg_init() once before
 * any graph function (it installs igraph's error handler).
 */
#ifndef RELGRAPH_H
#define RELGRAPH_H

#include "common.h"
#include "errors.h"
#include "alloc.h"
#include "text.h"
#include "clean.h"
#include "sentence.h"
#include "date.h"
#include "actors.h"
#include "reader.h"
#include "evidence.h"
#include "stance.h"
#include "extract.h"
#include "pipeline.h"
#include "io.h"
#include "graph.h"
#include "metrics.h"
#include "export.h"

#endif
