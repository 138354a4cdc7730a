"$RELGRAPH" extract --help
