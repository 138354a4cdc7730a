"$RELGRAPH" --version
