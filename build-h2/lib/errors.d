build-h2/lib/errors.o: src/lib/errors.c src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h \
 include/relgraph/common.h
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
include/relgraph/common.h:
