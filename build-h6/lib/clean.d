build-h6/lib/clean.o: src/lib/clean.c include/relgraph/clean.h \
 include/relgraph/common.h include/relgraph/io.h include/relgraph/text.h \
 src/lib/common.h include/relgraph/common.h include/relgraph/errors.h \
 src/lib/clean_internal.h src/lib/data.h src/lib/text_internal.h
include/relgraph/clean.h:
include/relgraph/common.h:
include/relgraph/io.h:
include/relgraph/text.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/clean_internal.h:
src/lib/data.h:
src/lib/text_internal.h:
