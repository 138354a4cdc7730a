build-h6/lib/reader.o: src/lib/reader.c include/relgraph/io.h \
 include/relgraph/common.h include/relgraph/reader.h \
 include/relgraph/date.h include/relgraph/text.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h src/lib/strbuf.h
include/relgraph/io.h:
include/relgraph/common.h:
include/relgraph/reader.h:
include/relgraph/date.h:
include/relgraph/text.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/strbuf.h:
