build-h2/lib/actors.o: src/lib/actors.c include/relgraph/actors.h \
 include/relgraph/common.h include/relgraph/date.h include/relgraph/io.h \
 include/relgraph/text.h src/lib/actors_internal.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h src/lib/data.h
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
include/relgraph/io.h:
include/relgraph/text.h:
src/lib/actors_internal.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/data.h:
