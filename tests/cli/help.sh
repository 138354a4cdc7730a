"$RELGRAPH" --help
