"$RELGRAPH" extract
