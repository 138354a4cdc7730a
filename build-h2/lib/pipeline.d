build-h2/lib/pipeline.o: src/lib/pipeline.c include/relgraph/pipeline.h \
 include/relgraph/common.h include/relgraph/evidence.h \
 include/relgraph/actors.h include/relgraph/date.h \
 include/relgraph/reader.h include/relgraph/text.h \
 include/relgraph/sentence.h include/relgraph/extract.h \
 include/relgraph/clean.h include/relgraph/stance.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h
include/relgraph/pipeline.h:
include/relgraph/common.h:
include/relgraph/evidence.h:
include/relgraph/actors.h:
include/relgraph/date.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
include/relgraph/extract.h:
include/relgraph/clean.h:
include/relgraph/stance.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
