# a dictionary with more actors than --max-actors is refused before any work
"$RELGRAPH" extract --actors data/actors.json --max-actors 5 corpus/seeds
