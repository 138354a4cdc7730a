"$RELGRAPH" extract --threads 0 corpus/seeds
