build-h6/lib/graph_write.o: src/lib/graph_write.c \
 include/relgraph/graph.h include/relgraph/actors.h \
 include/relgraph/common.h include/relgraph/date.h \
 include/relgraph/evidence.h include/relgraph/reader.h \
 include/relgraph/text.h include/relgraph/sentence.h \
 include/relgraph/io.h src/lib/common.h include/relgraph/common.h \
 include/relgraph/errors.h src/lib/graph_core.h \
 include/relgraph/metrics.h src/lib/strbuf.h
include/relgraph/graph.h:
include/relgraph/actors.h:
include/relgraph/common.h:
include/relgraph/date.h:
include/relgraph/evidence.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
include/relgraph/io.h:
src/lib/common.h:
include/relgraph/common.h:
include/relgraph/errors.h:
src/lib/graph_core.h:
include/relgraph/metrics.h:
src/lib/strbuf.h:
