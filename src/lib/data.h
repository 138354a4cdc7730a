/* SPDX-License-Identifier: MIT */
/* The data files embedded at build time by scripts/embed.sh. */
#ifndef RG_LIB_DATA_H
#define RG_LIB_DATA_H

#include <stddef.h>

extern const unsigned char rg__data_actors_json[];
extern const size_t rg__data_actors_json_len;
extern const unsigned char rg__data_lexicon_tsv[];
extern const size_t rg__data_lexicon_tsv_len;
extern const unsigned char rg__data_boilerplate_txt[];
extern const size_t rg__data_boilerplate_txt_len;

#endif
