build-h6/lib/clean_html.o: src/lib/clean_html.c src/lib/clean_internal.h \
 src/lib/common.h include/relgraph/common.h include/relgraph/errors.h \
 include/relgraph/common.h src/lib/text_internal.h
src/lib/clean_internal.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
include/relgraph/common.h:
src/lib/text_internal.h:
