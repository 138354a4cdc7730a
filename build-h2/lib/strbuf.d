build-h2/lib/strbuf.o: src/lib/strbuf.c src/lib/strbuf.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h \
 include/relgraph/common.h
src/lib/strbuf.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
include/relgraph/common.h:
