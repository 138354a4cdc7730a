/* SPDX-License-Identifier: MIT */
/* Option tables shared by getopt_long and the --help text (see opt.h). */
#include <stdio.h> /* printf */

#include "opt.h"

void cli_opt_longopts(struct option *out, const cli_opt *opts)
{
    for (;; opts++, out++) {
        out->name = opts->name;
        out->has_arg = opts->has_arg;
        out->flag = NULL;
        out->val = opts->val;
        if (!opts->name) {
            break;
        }
    }
}

void cli_opt_print(const cli_opt *opts, int name_w, int arg_w)
{
    for (; opts->name; opts++) {
        printf("  --%-*s %-*s %s\n", name_w, opts->name, arg_w, opts->arg ? opts->arg : "", opts->help);
    }
}
