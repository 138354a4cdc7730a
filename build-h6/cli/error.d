build-h6/cli/error.o: src/cli/error.c include/relgraph/errors.h \
 include/relgraph/common.h src/cli/error.h
include/relgraph/errors.h:
include/relgraph/common.h:
src/cli/error.h:
