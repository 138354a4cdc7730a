"$RELGRAPH" frobnicate
