build-h6/cli/cmd_actors.o: src/cli/cmd_actors.c include/relgraph/actors.h \
 include/relgraph/common.h include/relgraph/date.h src/cli/cmd.h \
 src/cli/error.h
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
src/cli/cmd.h:
src/cli/error.h:
