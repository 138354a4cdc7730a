build-h6/cli/main.o: src/cli/main.c include/relgraph/common.h \
 src/cli/cmd.h src/cli/error.h
include/relgraph/common.h:
src/cli/cmd.h:
src/cli/error.h:
