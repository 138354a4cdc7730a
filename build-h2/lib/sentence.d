build-h2/lib/sentence.o: src/lib/sentence.c include/relgraph/sentence.h \
 include/relgraph/common.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h
include/relgraph/sentence.h:
include/relgraph/common.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
