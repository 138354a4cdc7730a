build-h6/lib/alloc.o: src/lib/alloc.c include/relgraph/alloc.h \
 include/relgraph/common.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h
include/relgraph/alloc.h:
include/relgraph/common.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
