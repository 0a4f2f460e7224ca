/* What the network shows: the filtered interactions as nodes and edges (one edge per pair in
   the aggregated view), and the focused actor's neighbourhood lifted out of a dimmed rest.
   Only the items that change are written to the network. */

const DIM = { opacity: 0.22, edgeOpacity: 0.1, font: "#c3c9d1" };
const DIM_LABELS_UP_TO = 500;  // actors: greying every label is worth it on small networks only
const FONT_COLOUR = "#1f2933";
const MIXED = "#7b8594";

const shownSignature = { nodes: new Map(), edges: new Map() };
let lastShown = [];
let visibleEdges = new Map();

function edgeItem(id) {
  return Object.assign({}, allEdges[id], { hidden: false });
}

function pairColour(list) {
  const kindsOfType = new Set(list.map((it) => it.type));
  return kindsOfType.size === 1 ? types.get(list[0].type).colour : MIXED;
}

function pairItem(key, list) {
  const [from, to] = key.split("|");
  const colour = pairColour(list);
  return {
    id: "pair:" + key, from: from, to: to, label: String(list.length), hidden: false,
    width: Math.min(1.5 + 1.5 * Math.log2(list.length), 9), smooth: false,
    arrows: { to: { enabled: false } }, color: { color: colour, highlight: colour },
  };
}

/* What the network should show: id -> [look, make item]. */
function wanted(shown) {
  const wantEdges = new Map();
  const groups = groupPairs(shown, state.aggregate, state.expanded);
  const touched = new Set();
  for (const it of shown) {
    touched.add(it.source);
    touched.add(it.target);
    if (!groups.has(it.pair)) wantEdges.set(it.id, ["edge", () => edgeItem(it.id)]);
  }
  for (const [key, list] of groups) {
    const look = list.length + "|" + pairColour(list);
    wantEdges.set("pair:" + key, [look, () => pairItem(key, list)]);
  }
  const wantNodes = new Map();
  for (const a of DATA.actors) {
    if (!state.sides.has(a.side)) continue;
    if (!touched.has(a.id) && byActor.get(a.id).length) continue;
    wantNodes.set(a.id, ["node", () => Object.assign({}, allNodes[a.id], { hidden: false })]);
  }
  return [wantNodes, wantEdges];
}

/* The updates that turn what a DataSet shows into what is wanted. Items that go are
   hidden rather than removed, and items that come back with the same look are only
   unhidden: every DataSet event costs vis a pass over the whole network and every
   changed option a pass over the item, so filters stay fast on big networks. */
function changes(seen, want) {
  const put = new Map();
  for (const [id, item] of seen) {
    if (item.shown && !want.has(id)) {
      put.set(id, { id: id, hidden: true });
      item.shown = false;
    }
  }
  for (const [id, [look, make]] of want) {
    const item = seen.get(id);
    if (item === undefined || item.look !== look) {
      const made = make();
      put.set(id, made);
      seen.set(id, { look: look, shown: true, colour: made.color });
    } else if (!item.shown) {
      put.set(id, { id: id, hidden: false });
      item.shown = true;
    }
  }
  return put;
}

/* Highlighting an actor's neighbourhood: the whole network is dimmed through vis's global
   options (one call, whatever its size) and only the neighbourhood is lifted, item by item. */
const lit = { nodes: new Map(), edges: new Set() };
let dimmed = false;

function litEdges(near) {
  const out = new Set();
  if (near === null) return out;
  for (const [id, item] of shownSignature.edges) {
    if (!item.shown) continue;
    const ends = id.startsWith("pair:") ? id.slice(5).split("|") : [allEdges[id].from, allEdges[id].to];
    if (ends.includes(state.focus)) out.add(id);
  }
  return out;
}

function highlight(near, nodePut, edgePut) {
  for (const id of new Set([...lit.nodes.keys(), ...(near || [])])) {
    const up = near === null || near.has(id);
    if (lit.nodes.get(id) === up && !nodePut.has(id)) continue;
    lit.nodes.set(id, up);
    const look = { opacity: up ? 1 : DIM.opacity };
    if (dimLabels()) look.font = { color: up ? FONT_COLOUR : DIM.font };
    nodePut.set(id, Object.assign(nodePut.get(id) || { id: id }, look));
  }
  const now = litEdges(near);
  for (const id of new Set([...lit.edges, ...now])) {
    const up = now.has(id);
    if (lit.edges.has(id) === up && !edgePut.has(id)) continue;
    const colour = shownSignature.edges.get(id).colour;
    const look = { color: up ? Object.assign({}, colour, { opacity: 1 }) : colour };
    edgePut.set(id, Object.assign(edgePut.get(id) || { id: id }, look));
  }
  lit.edges = now;
}

function dimLabels(data) {
  return (data || DATA).actors.length <= DIM_LABELS_UP_TO;
}

function dimAll(on) {
  if (on === dimmed) return;
  dimmed = on;
  const nodeLook = { opacity: on ? DIM.opacity : 1 };
  // greying every label makes vis measure them all again: worth it on small networks only
  if (dimLabels()) nodeLook.font = { color: on ? DIM.font : FONT_COLOUR };
  setGlobalLook(nodeLook, { color: { opacity: on ? DIM.edgeOpacity : VIS.options.edges.color.opacity } });
}

/* Recompute what is shown from the state; only changed items touch the network.
   `alsoBeforeDrawing` changes the view in the same drawing (vis draws once either way). */
function apply(alsoBeforeDrawing) {
  const shown = interactions.filter(isPassing);
  const [wantNodes, wantEdges] = wanted(shown);
  const nodePut = changes(shownSignature.nodes, wantNodes);
  const edgePut = changes(shownSignature.edges, wantEdges);
  const near = neighbourhood(shown, state.focus);
  highlight(near, nodePut, edgePut);
  drawOnce(() => {
    dimAll(near !== null);
    writeChanges(nodePut, edgePut, wantNodes, wantEdges);
    if (alsoBeforeDrawing) alsoBeforeDrawing();
  });
  lastShown = shown;
  visibleEdges = wantEdges;
  showCounts(shown.length, wantNodes.size);
  drawHistogram();
  renderTable();
}

function isShown(kind, id) {
  const item = shownSignature[kind].get(id);
  return item !== undefined && item.shown;
}

/* New data in place (see live.js): forget what is known of the items that changed (they are
   made again when next shown) and of those that are gone. */
function forgetLook() {
  // new global options put back vis's own font and edge opacity, but they do not name the
  // nodes' opacity: the next dimAll writes the whole look, dimmed or not
  dimmed = null;
}

function forgetItems(kind, changed, removed) {
  const seen = shownSignature[kind];
  for (const id of changed) {
    const item = seen.get(id);
    if (item) item.look = null;
  }
  for (const id of removed) {
    seen.delete(id);
    if (kind === "nodes") lit.nodes.delete(id);
    else lit.edges.delete(id);
  }
}
