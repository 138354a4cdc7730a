build-h2/lib/evidence.o: src/lib/evidence.c include/relgraph/evidence.h \
 include/relgraph/actors.h include/relgraph/common.h \
 include/relgraph/date.h include/relgraph/reader.h \
 include/relgraph/text.h include/relgraph/sentence.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h src/lib/strbuf.h
include/relgraph/evidence.h:
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/strbuf.h:
