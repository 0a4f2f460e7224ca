/* The one place that touches vis-network. The page inlines vis-network 9.1.2, and a few
   functions here reach into its insides (named as such below) to keep big networks fast or
   ids safe; each checks that the insides look as expected and otherwise falls back to vis's
   public API, which is slower but gives the same page.

   It sets the page's globals, named as pyvis names them: `network`, and the DataSets `nodes`
   and `edges` the network draws (what the filters let through); `allNodes` and `allEdges`
   hold every node and edge by id. */

/* vis keeps its nodes and edges in plain objects keyed by id, where ids such as
   `constructor` or `__proto__` collide with Object.prototype (internals: body.nodes,
   body.edges and the clustering's indexes). Swap them for objects without a prototype while
   the network is still empty. */
function makeIdsSafe(net) {
  const indexes = [[net.body, "nodes"], [net.body, "edges"]];
  const clustering = net.clustering;
  if (clustering) indexes.push([clustering, "clusteredNodes"], [clustering, "clusteredEdges"]);
  for (const [holder, key] of indexes) {
    const index = holder && holder[key];
    if (index && Object.getPrototypeOf(index) === Object.prototype && !Object.keys(index).length) {
      holder[key] = Object.create(null);
    }
  }
}

function byIdObject(items) {
  const out = Object.create(null);
  for (const item of items) out[item.id] = item;
  return out;
}

/* An empty network in `container`; the caller fills `nodes` and `edges` and then fits. */
function createNetwork(container, visData, onClick) {
  allNodes = byIdObject(visData.nodes);
  allEdges = byIdObject(visData.edges);
  nodes = new vis.DataSet();
  edges = new vis.DataSet();
  network = new vis.Network(container, { nodes: nodes, edges: edges }, visData.options);
  makeIdsSafe(network);
  network.on("click", onClick);
  // vis makes its own frame a tab stop without a name; the labelled container is the one
  const frame = container.querySelector(".vis-network");
  if (frame) frame.tabIndex = -1;
}

function onFirstDrawing(callback) {
  network.once("afterDrawing", callback);
}

/* vis redraws at once after every DataSet event when physics is off; hold that back while
   both DataSets change, then draw once: now, unless a drawing is already due in the next
   frame (as one is just after the network is created), which shows the changes too
   (internals: the renderer's `renderingActive` and `redrawRequested`). */
function drawOnce(update) {
  const renderer = network && network.renderer;
  if (!renderer || typeof renderer.renderingActive !== "boolean") {
    update();
    return;
  }
  const before = renderer.renderingActive;
  renderer.renderingActive = true;
  try {
    update();
  } finally {
    renderer.renderingActive = before;
  }
  if (renderer.redrawRequested !== true) network.redraw();
}

/* Write the changes to the DataSets. vis answers every DataSet event by reading each
   updated item back in full, parsing all its options again, and then recomputing the state
   of the whole network: about 0.1 ms an item and 40 ms an event at 10,000 edges. Items
   that are only shown or hidden change one option, so they are written with the network's
   listener detached, flipped on the network's own items, and the network's state is
   recomputed once; every other change takes vis's ordinary path, which recomputes it too. */
function writeChanges(nodePut, edgePut) {
  const [nodeFlips, nodeRest] = splitFlips(nodePut);
  const [edgeFlips, edgeRest] = splitFlips(edgePut);
  const quiet = quietFlip(nodes, "nodes", nodeFlips) && quietFlip(edges, "edges", edgeFlips);
  if (!quiet) {
    nodeRest.push(...nodeFlips);
    edgeRest.push(...edgeFlips);
  }
  if (nodeRest.length) nodes.update(nodeRest);
  if (edgeRest.length) edges.update(edgeRest);
  const flipped = quiet && nodeFlips.length + edgeFlips.length > 0;
  if (flipped && !nodeRest.length && !edgeRest.length) recomputeNetworkState();
}

/* Internals: the event vis recomputes its state on after a DataSet change. */
function recomputeNetworkState() {
  network.body.emitter.emit("_dataUpdated");
}

function splitFlips(put) {
  const flips = [];
  const rest = [];
  for (const item of put.values()) {
    const onlyHidden = Object.keys(item).length === 2 && "hidden" in item;
    (onlyHidden ? flips : rest).push(item);
  }
  return [flips, rest];
}

/* Flip `hidden` on items the network already has, behind its back; false (and nothing
   done) when vis is not the version whose insides this knows (internals: body.nodes,
   body.edges and the handlers' `nodesListeners` / `edgesListeners`). */
function quietFlip(dataSet, kind, flips) {
  const inside = network && network.body && network.body[kind];
  const handler = network && (kind === "nodes" ? network.nodesHandler : network.edgesHandler);
  const listeners = handler && (handler.nodesListeners || handler.edgesListeners);
  if (!inside || !listeners || typeof listeners.update !== "function") return false;
  if (!flips.every((item) => inside[item.id] && inside[item.id].options)) return false;
  dataSet.off("update", listeners.update);
  try {
    dataSet.update(flips);
  } finally {
    dataSet.on("update", listeners.update);
  }
  for (const item of flips) inside[item.id].options.hidden = item.hidden;
  return true;
}

/* Options for every node and edge at once: one call, whatever the network's size. */
function setGlobalLook(nodeLook, edgeLook) {
  network.setOptions({ nodes: nodeLook, edges: edgeLook });
}

function selectNode(id) {
  network.selectNodes([id], false);
}

function selectEdgeOrNothing(id) {
  if (id !== null) network.selectEdges([id]);
  else network.unselectAll();
}

/* Unselect without drawing (unselectAll() would draw at once). */
function clearNetworkSelection() {
  network.setSelection({ nodes: [], edges: [] });
}

function unselectAll() {
  network.unselectAll();
}

function fitAll() {
  network.fit({ animation: false });
}

function zoomTo(id) {
  network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
}

/* When the panel opens or closes, the network's area changes width and vis zooms with it;
   keep the zoom (so labels stay legible) and centre `point`, else what is centred now.
   `cover()`, if given, is the offset (in screen pixels) that keeps the point clear of a panel
   lying over the network. */
function keepScale(point, cover) {
  if (!network) return;
  const scale = network.getScale();
  const position = point || network.getViewPosition();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const offset = point && cover ? cover() : { x: 0, y: 0 };
    network.moveTo({ position, scale, offset });
  }));
}

function nodePosition(id) {
  return network.getPosition(id);
}
