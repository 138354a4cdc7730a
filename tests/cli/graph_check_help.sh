"$RELGRAPH" check --help
