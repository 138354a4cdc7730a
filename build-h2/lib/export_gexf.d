build-h2/lib/export_gexf.o: src/lib/export_gexf.c \
 include/relgraph/export.h include/relgraph/common.h \
 include/relgraph/io.h src/lib/export_load.h src/lib/common.h \
 include/relgraph/common.h include/relgraph/errors.h src/lib/strbuf.h
include/relgraph/export.h:
include/relgraph/common.h:
include/relgraph/io.h:
src/lib/export_load.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/strbuf.h:
