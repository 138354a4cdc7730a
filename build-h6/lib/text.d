build-h6/lib/text.o: src/lib/text.c include/relgraph/text.h \
 include/relgraph/common.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h src/lib/text_internal.h
include/relgraph/text.h:
include/relgraph/common.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/text_internal.h:
