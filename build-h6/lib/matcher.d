build-h6/lib/matcher.o: src/lib/matcher.c include/relgraph/actors.h \
 include/relgraph/common.h include/relgraph/date.h \
 include/relgraph/text.h src/lib/actors_internal.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h \
 src/lib/text_internal.h
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
include/relgraph/text.h:
src/lib/actors_internal.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/text_internal.h:
