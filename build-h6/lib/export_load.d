build-h6/lib/export_load.o: src/lib/export_load.c include/relgraph/io.h \
 include/relgraph/common.h include/relgraph/text.h src/lib/export_load.h \
 src/lib/common.h include/relgraph/common.h include/relgraph/errors.h \
 src/lib/strbuf.h
include/relgraph/io.h:
include/relgraph/common.h:
include/relgraph/text.h:
src/lib/export_load.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/strbuf.h:
