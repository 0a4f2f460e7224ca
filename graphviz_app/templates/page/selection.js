/* What a click chooses: an actor (focused, its card opened), an edge (its evidence or its
   pair), or nothing. */

function onClick(params) {
  if (params.nodes.length) selectActor(params.nodes[0]);
  else if (params.edges.length) openEdge(params.edges[0]);
  else clearSelection();
}

function openEdge(id) {
  if (id.startsWith("pair:")) openPair(id.slice(5));
  else openInteraction(id);
}

function selectActor(id) {
  state.focus = id;
  apply(() => {
    if (isShown("nodes", id)) selectNode(id);
  });
  openActor(id);
}

function clearSelection() {
  if (state.focus !== null) {
    state.focus = null;
    apply(clearNetworkSelection);
  } else {
    unselectAll();
  }
  closePanel();
}

/* The id of the edge that currently stands for an interaction (itself or its pair). */
function shownEdgeOf(it) {
  if (isShown("edges", it.id)) return it.id;
  if (isShown("edges", "pair:" + it.pair)) return "pair:" + it.pair;
  return null;
}

/* Find, centre and select an actor, as a click on it would. */
function focusActor(id) {
  selectActor(id);
  if (isShown("nodes", id)) zoomTo(id);
}
