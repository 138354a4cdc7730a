build-h6/cli/cmd_extract.o: src/cli/cmd_extract.c \
 include/relgraph/errors.h include/relgraph/common.h \
 include/relgraph/io.h include/relgraph/text.h src/cli/cmd.h \
 src/cli/error.h src/cli/input.h include/relgraph/extract.h \
 include/relgraph/actors.h include/relgraph/date.h \
 include/relgraph/clean.h include/relgraph/evidence.h \
 include/relgraph/reader.h include/relgraph/text.h \
 include/relgraph/sentence.h include/relgraph/stance.h \
 include/relgraph/pipeline.h include/relgraph/extract.h \
 include/relgraph/reader.h
include/relgraph/errors.h:
include/relgraph/common.h:
include/relgraph/io.h:
include/relgraph/text.h:
src/cli/cmd.h:
src/cli/error.h:
src/cli/input.h:
include/relgraph/extract.h:
include/relgraph/actors.h:
include/relgraph/date.h:
include/relgraph/clean.h:
include/relgraph/evidence.h:
include/relgraph/reader.h:
include/relgraph/text.h:
include/relgraph/sentence.h:
include/relgraph/stance.h:
include/relgraph/pipeline.h:
include/relgraph/extract.h:
include/relgraph/reader.h:
