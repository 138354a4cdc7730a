build-h2/lib/lexicon.o: src/lib/lexicon.c include/relgraph/io.h \
 include/relgraph/common.h include/relgraph/stance.h \
 include/relgraph/actors.h include/relgraph/date.h \
 include/relgraph/evidence.h include/relgraph/reader.h \
 include/relgraph/text.h include/relgraph/sentence.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h src/lib/data.h \
 src/lib/lexicon.h src/lib/text_internal.h
include/relgraph/io.h:
include/relgraph/common.h:
include/relgraph/stance.h:
include/relgraph/actors.h:
include/relgraph/date.h:
include/relgraph/evidence.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/data.h:
src/lib/lexicon.h:
src/lib/text_internal.h:
