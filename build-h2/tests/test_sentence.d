build-h2/tests/test_sentence.o: tests/unit/test_sentence.c \
 include/relgraph/alloc.h include/relgraph/common.h \
 include/relgraph/errors.h include/relgraph/sentence.h \
 include/relgraph/text.h
include/relgraph/alloc.h:
include/relgraph/common.h:
include/relgraph/errors.h:
include/relgraph/sentence.h:
include/relgraph/text.h:
