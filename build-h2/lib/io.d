build-h2/lib/io.o: src/lib/io.c include/relgraph/io.h \
 include/relgraph/common.h include/relgraph/text.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h src/lib/strbuf.h
include/relgraph/io.h:
include/relgraph/common.h:
include/relgraph/text.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/strbuf.h:
