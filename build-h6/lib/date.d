build-h6/lib/date.o: src/lib/date.c include/relgraph/date.h \
 include/relgraph/common.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h
include/relgraph/date.h:
include/relgraph/common.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
