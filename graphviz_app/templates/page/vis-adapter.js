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

let optionsGiven = "";  // the options as the data gave them (vis changes the object it is given)

/* An empty network in `container`; the caller fills `nodes` and `edges` and then fits. */
function createNetwork(container, visData, onClick) {
  optionsGiven = JSON.stringify(visData.options);
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
   (internals: the renderer's `renderingActive` and `redrawRequested`). Nested holds draw
   once, when the outermost ends; `needed()`, if given, says whether there is anything to
   draw then. */
let drawHolds = 0;

function drawOnce(update, needed) {
  const renderer = network && network.renderer;
  if (!renderer || typeof renderer.renderingActive !== "boolean") {
    update();
    return;
  }
  const before = renderer.renderingActive;
  renderer.renderingActive = true;
  drawHolds += 1;
  try {
    update();
  } finally {
    drawHolds -= 1;
    renderer.renderingActive = before;
  }
  if (drawHolds === 0 && renderer.redrawRequested !== true && (!needed || needed())) network.redraw();
}

/* What the network would draw differently: items and looks written (counted), and the
   selection. Equal marks before and after a change mean there is nothing new to draw. */
let looksWritten = 0;

function drawnMark() {
  const selection = network.getSelection();
  return looksWritten + "|" + selection.nodes.join(",") + "|" + selection.edges.join(",");
}

/* Write the changes to the DataSets. vis answers every DataSet event by reading each
   updated item back in full, parsing all its options again, and then recomputing the state
   of the whole network (its clusters, every edge's connection, value ranges, which items
   are visible): about 0.1 ms an item and 40 ms an event at 10,000 edges. Items the network
   already has (shown, hidden or restyled, as the filters, the focus and the timeline do) are
   written with the network's listener detached and given their options on the network's
   own items, as vis would, and new edges are made by vis's handler; then only which items
   are visible is recomputed. New nodes take vis's ordinary path, which recomputes everything. */
function writeChanges(nodePut, edgePut, shownNodes, shownEdges) {
  looksWritten += nodePut.size + edgePut.size;
  const [nodeFlips, nodeStyles, nodeRest] = splitChanges(nodePut, "nodes");
  const [edgeFlips, edgeStyles, edgeRest] = splitChanges(edgePut, "edges");
  const quiet = canWriteQuietly(nodes, "nodes") && canWriteQuietly(edges, "edges");
  if (!quiet) {
    nodeRest.push(...nodeFlips, ...nodeStyles);
    edgeRest.push(...edgeFlips, ...edgeStyles);
  }
  const quietCount = quiet ? nodeFlips.length + nodeStyles.length + edgeFlips.length + edgeStyles.length : 0;
  let connectionsChanged = false;
  if (quietCount) {
    connectionsChanged = writeQuietly(nodes, "nodes", nodeFlips, nodeStyles);
    connectionsChanged = writeQuietly(edges, "edges", edgeFlips, edgeStyles) || connectionsChanged;
  }
  const quietNew = quiet && edgeRest.length > 0 && addQuietly(edgeRest);
  if (nodeRest.length) nodes.update(nodeRest);
  if (edgeRest.length && !quietNew) edges.update(edgeRest);
  if (connectionsChanged) network.body.emitter.emit("_dataChanged");
  else if ((quietCount || quietNew) && !nodeRest.length && !(edgeRest.length && !quietNew)) {
    recomputeVisible(shownNodes, shownEdges);
  }
}

/* New edges between nodes the network has: written with the listeners detached, then made
   by vis's own handler without its full recomputation (internals: the handler's `add(ids,
   doNotEmit)`), which would only look for edges missing or left without their nodes. */
function addQuietly(items) {
  const handler = network.edgesHandler;
  const listeners = handler.edgesListeners;
  const inside = network.body.nodes;
  if (typeof handler.add !== "function" || typeof listeners.add !== "function") return false;
  if (!items.every((item) => inside[item.from] && inside[item.to])) return false;
  edges.off("add", listeners.add);
  edges.off("update", listeners.update);
  try {
    edges.update(items);
  } finally {
    edges.on("add", listeners.add);
    edges.on("update", listeners.update);
  }
  handler.add(items.map((item) => item.id), true);
  return true;
}

/* Internals: which nodes and edges vis draws (body.nodeIndices and body.edgeIndices), the
   one part of its `_dataUpdated` that showing, hiding and restyling known items needs. The
   caller knows what is shown (`shownNodes`, `shownEdges`: Maps by id), which saves vis a pass
   over every item it has; without them vis recomputes it, and without that method, all of
   `_dataUpdated`. */
function recomputeVisible(shownNodes, shownEdges) {
  const body = network.body;
  if (shownNodes && shownEdges && Array.isArray(body.nodeIndices) && Array.isArray(body.edgeIndices)) {
    body.nodeIndices = [...shownNodes.keys()];
    body.edgeIndices = [...shownEdges.keys()];
    body.emitter.emit("_requestRedraw");
  } else if (typeof network._updateVisibleIndices === "function") {
    network._updateVisibleIndices();
    network.body.emitter.emit("_requestRedraw");
  } else {
    network.body.emitter.emit("_dataUpdated");
  }
}

/* Changes as [only shown or hidden, restyled, new to the network]. */
function splitChanges(put, kind) {
  const inside = (network && network.body && network.body[kind]) || {};
  const flips = [];
  const styles = [];
  const rest = [];
  for (const item of put.values()) {
    const known = inside[item.id] && inside[item.id].options;
    if (!known) rest.push(item);
    else if (Object.keys(item).length === 2 && "hidden" in item) flips.push(item);
    else styles.push(item);
  }
  return [flips, styles, rest];
}

/* Whether vis is the version whose insides this knows (internals: body.nodes, body.edges,
   the handlers' `nodesListeners` / `edgesListeners`, and the items' setOptions). */
function canWriteQuietly(dataSet, kind) {
  const inside = network && network.body && network.body[kind];
  const handler = network && (kind === "nodes" ? network.nodesHandler : network.edgesHandler);
  const listeners = handler && (handler.nodesListeners || handler.edgesListeners);
  return Boolean(inside && listeners && typeof listeners.update === "function");
}

function listenerOf(kind) {
  const handler = kind === "nodes" ? network.nodesHandler : network.edgesHandler;
  return (handler.nodesListeners || handler.edgesListeners).update;
}

/* Write flips and restyles behind the network's back, then hand each item its options as
   vis's own update would (a node the changed options, an edge all of its own). True when an
   edge's ends changed, which needs vis's full recomputation. */
function writeQuietly(dataSet, kind, flips, styles) {
  if (!flips.length && !styles.length) return false;
  const inside = network.body[kind];
  const listener = listenerOf(kind);
  dataSet.off("update", listener);
  try {
    dataSet.update(flips.concat(styles));
  } finally {
    dataSet.on("update", listener);
  }
  for (const item of flips) inside[item.id].options.hidden = item.hidden;
  // vis's setOptions also reports a change of `hidden` as one needing everything
  // recomputed; what visibility needs is recomputed afterwards, so only new ends count
  let changed = false;
  for (const item of styles) {
    const own = inside[item.id];
    if (kind === "nodes") {
      own.setOptions(item);
    } else {
      const ends = own.fromId + "\u0000" + own.toId;
      own.setOptions(dataSet.get(item.id));  // reconnects the edge too
      changed = changed || ends !== own.fromId + "\u0000" + own.toId;
    }
  }
  return changed;
}

/* Options for every node and edge at once: one call, whatever the network's size. */
function setGlobalLook(nodeLook, edgeLook) {
  looksWritten += 1;
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

/* New network data in place (see live.js): `allNodes` and `allEdges` from `visData`; the
   items that are gone leave the DataSets, and vis takes options that changed. Returns the
   ids whose item changed and those gone, per kind, for the view to forget, and whether
   the options changed (which puts back vis's undimmed look). */
function replaceItems(visData) {
  const found = {};
  for (const [kind, dataSet, old] of [["nodes", nodes, allNodes], ["edges", edges, allEdges]]) {
    const now = byIdObject(visData[kind]);
    const changed = [];
    const removed = [];
    for (const id in old) {
      if (!(id in now)) removed.push(id);
      else if (JSON.stringify(old[id]) !== JSON.stringify(now[id])) changed.push(id);
    }
    if (removed.length) {
      dataSet.remove(removed.filter((id) => dataSet.get(id) !== null));
      looksWritten += removed.length;
    }
    found[kind] = { changed: changed, removed: removed };
    if (kind === "nodes") allNodes = now;
    else allEdges = now;
  }
  const options = JSON.stringify(visData.options);
  found.options = options !== optionsGiven;
  if (found.options) {
    optionsGiven = options;
    looksWritten += 1;
    network.setOptions(visData.options);
  }
  return found;
}
