build-h2/tests/test_date.o: tests/unit/test_date.c \
 include/relgraph/date.h include/relgraph/common.h \
 include/relgraph/errors.h
include/relgraph/date.h:
include/relgraph/common.h:
include/relgraph/errors.h:
