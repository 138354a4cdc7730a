build-h2/lib/extract.o: src/lib/extract.c include/relgraph/extract.h \
 include/relgraph/actors.h include/relgraph/common.h \
 include/relgraph/date.h include/relgraph/clean.h \
 include/relgraph/evidence.h include/relgraph/reader.h \
 include/relgraph/text.h include/relgraph/sentence.h \
 include/relgraph/stance.h include/relgraph/sentence.h \
 include/relgraph/text.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h
include/relgraph/extract.h:
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
include/relgraph/clean.h:
include/relgraph/evidence.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
include/relgraph/stance.h:
include/relgraph/sentence.h:
include/relgraph/text.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
