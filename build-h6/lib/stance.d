build-h6/lib/stance.o: src/lib/stance.c include/relgraph/stance.h \
 include/relgraph/actors.h include/relgraph/common.h \
 include/relgraph/date.h include/relgraph/evidence.h \
 include/relgraph/reader.h include/relgraph/text.h \
 include/relgraph/sentence.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h src/lib/lexicon.h src/lib/text_internal.h
include/relgraph/stance.h:
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
include/relgraph/evidence.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/lexicon.h:
src/lib/text_internal.h:
