# Licences: relgraph-render links Graphviz (EPL-1.0) and never igraph (GPL).
ldd "$RELGRAPH_RENDER" | grep -c igraph
ldd "$RELGRAPH_RENDER" | grep -c 'libgvc\|libcgraph' | awk '$1 >= 2 { print "graphviz linked" }'
