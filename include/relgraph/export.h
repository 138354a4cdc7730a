/* SPDX-License-Identifier: MIT */
/*
 * File exports built from the Graphology JSON that `relgraph build` writes
 * into an output folder (docs/graph-json.md): GEXF 1.3 for Gephi Desktop,
 * CSV tables for Gephi's spreadsheet import, and the pictures, which are
 * drawn by the separate relgraph-render program (Graphviz never links into
 * the library or into `relgraph`; see README, licences). docs/exports.md
 * describes every file. All files are written atomically (temp + rename),
 * and the same input always gives the same bytes.
 */
#ifndef RELGRAPH_EXPORT_H
#define RELGRAPH_EXPORT_H

#include "common.h"

/**
 * Write DIR/graph.gexf: GEXF 1.3, mode="dynamic", timeformat="date", one
 * undirected edge per pair, a spell per period in which a node or an edge
 * appears ([period_start, period_end] of DIR/periods/KEY.json, in key order),
 * dynamic attributes per period (edge `weight`, node metrics), static node
 * `type`, viz colour, size and position.
 * When DIR/periods/ holds no file, the overall graph is the only period.
 *
 * @param dir  folder holding graph.json and periods/ (not modified otherwise)
 * @return RG_OK; RG_EIO (cannot read or write; the message names the file);
 *         RG_EPARSE (invalid JSON with file:line:column, wrong structure, or
 *         a period without YYYY-MM-DD period_start/period_end);
 *         RG_ERROR (out of memory)
 *
 * Complexity: O((V + E) * P * A) time for P periods and A attributes.
 */
RG_EXTERN(int) rg_export_gexf(const char *dir);

/**
 * Write DIR/nodes.csv and DIR/edges.csv from DIR/graph.json, as Gephi's
 * spreadsheet import wants them: nodes "Id,Label,type,<metrics>", edges
 * "Source,Target,Type,Id,Weight,<attributes>" with Type "Undirected".
 * RFC 4180: CRLF line ends, UTF-8 without BOM, a field is quoted when it
 * holds a comma, a double quote, CR or LF, and quotes inside are doubled.
 *
 * @param dir  folder holding graph.json
 * @return RG_OK, RG_EIO, RG_EPARSE, RG_ERROR (as rg_export_gexf)
 */
RG_EXTERN(int) rg_export_csv(const char *dir);

/**
 * Run relgraph-render on DIR/graph.json and every DIR/periods/KEY.json
 * (sorted), with the overall graph as the layout source, so that every
 * picture puts each actor at the same place. Outputs go beside their input
 * (DIR/graph.png, DIR/periods/KEY.png ...); when "png" is asked for and
 * there are two periods or more, DIR/periods.png shows all periods side by
 * side. The program runs through posix_spawnp with an argument vector (no
 * shell); its stderr is the caller's. Waits for it to finish.
 *
 * @param render_exe  path of relgraph-render, or a bare name looked up in PATH
 * @param dir         folder holding graph.json and periods/
 * @param formats     "dot", "png" and/or "svg"; n_formats may be 0 (the
 *                    program's defaults)
 * @param size_by     node attribute for node size, e.g. "pagerank"; NULL for
 *                    the program's default
 * @return RG_OK; RG_EEXPORT when the program cannot be started or exits
 *         with a non-zero status or a signal (the message says which);
 *         RG_EIO when DIR/periods cannot be listed; RG_ERROR (OOM)
 */
RG_EXTERN(int) rg_export_render(const char *render_exe, const char *dir,
                                const char *const *formats, size_t n_formats,
                                const char *size_by);

#endif
