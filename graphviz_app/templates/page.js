/* The page's behaviour: filters, search, focus, and the evidence panel.
 *
 * Every text that comes from the data or the articles is put in the page as text
 * (textContent, Text nodes), never parsed as markup.
 * The globals `network`, `nodes` and `edges` are named as pyvis names them: `nodes` and
 * `edges` are the DataSets the network draws (what the filters let through), `allNodes`
 * and `allEdges` every node and edge by id.
 */
"use strict";

var network, nodes, edges, allNodes, allEdges, graphPage;

(function () {
  const VIS = readJson("vis-data");
  const DATA = readJson("page-data");
  const DIM = { opacity: 0.22, edgeOpacity: 0.1, font: "#c3c9d1", labels: DATA.actors.length <= 500 };
  const FONT_COLOUR = "#1f2933";
  const MIXED = "#7b8594";
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function span(text) {
    return el("span", { text: text });
  }

  function $(id) {
    return document.getElementById(id);
  }

  /* el("p", {className: "x", text: "..."}, [children]): never sets markup. */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else node[key] = value;
    }
    for (const child of children || []) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // --- indexes --------------------------------------------------------------------------------

  const actors = new Map(DATA.actors.map((a) => [a.id, a]));
  const types = new Map(DATA.types.map((t) => [t.id, t]));
  const sides = new Map(DATA.sides.map((s) => [s.id, s]));
  const campaigns = new Map(DATA.campaigns.map((c) => [c.id, c]));
  const kinds = new Map(DATA.kinds.map((k) => [k.id, k]));
  const interactions = DATA.interactions;
  const byId = new Map(interactions.map((it) => [it.id, it]));
  const byActor = new Map(DATA.actors.map((a) => [a.id, []]));
  const byPair = new Map();
  const reactions = new Map();
  const members = new Map();
  const months = monthRange();

  for (const it of interactions) {
    it.pair = [it.source, it.target].sort().join("|");
    [it.lo, it.hi] = monthSpan(it.date);
    byActor.get(it.source).push(it);
    byActor.get(it.target).push(it);
    if (!byPair.has(it.pair)) byPair.set(it.pair, []);
    byPair.get(it.pair).push(it);
    if (it.about) {
      if (!reactions.has(it.about)) reactions.set(it.about, []);
      reactions.get(it.about).push(it);
    }
  }
  for (const a of DATA.actors) {
    for (const parent of a.member_of) {
      if (!members.has(parent)) members.set(parent, []);
      members.get(parent).push(a);
    }
  }

  function monthKey(date, upper) {
    const parts = date.split("-");
    return parts[0] + "-" + (parts[1] || (upper ? "12" : "01"));
  }

  function monthRange() {
    const keys = [];
    for (const it of DATA.interactions) keys.push(monthKey(it.date, false), monthKey(it.date, true));
    if (!keys.length) return [];
    keys.sort();
    const out = [];
    let [year, month] = keys[0].split("-").map(Number);
    const last = keys[keys.length - 1];
    for (;;) {
      const key = year + "-" + String(month).padStart(2, "0");
      out.push(key);
      if (key >= last) return out;
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
  }

  function monthSpan(date) {
    return [months.indexOf(monthKey(date, false)), months.indexOf(monthKey(date, true))];
  }

  // --- state ----------------------------------------------------------------------------------

  const state = {
    types: new Set(types.keys()),
    sides: new Set(sides.keys()),
    campaign: "",
    from: 0,
    to: Math.max(months.length - 1, 0),
    aggregate: interactions.length > DATA.aggregate_above,
    expanded: new Set(),
    focus: null,
  };
  const shownSignature = { nodes: new Map(), edges: new Map() };
  let lastShown = [];
  let visibleEdges = new Map();

  function passes(it) {
    return state.types.has(it.type)
      && state.sides.has(actors.get(it.source).side)
      && state.sides.has(actors.get(it.target).side)
      && (state.campaign === "" || (state.campaign === "-" ? !it.campaign : it.campaign === state.campaign))
      && it.hi >= state.from && it.lo <= state.to;
  }

  /* The neighbourhood of the focused actor among the shown interactions, or null. */
  function neighbourhood(shown) {
    if (state.focus === null) return null;
    const near = new Set([state.focus]);
    for (const it of shown) {
      if (it.source === state.focus) near.add(it.target);
      if (it.target === state.focus) near.add(it.source);
    }
    return near;
  }

  function edgeItem(id) {
    return Object.assign({}, allEdges[id], { hidden: false });
  }

  function pairItem(key, list) {
    const [from, to] = key.split("|");
    const kindsOfType = new Set(list.map((it) => it.type));
    const colour = kindsOfType.size === 1 ? types.get(list[0].type).colour : MIXED;
    return {
      id: "pair:" + key, from: from, to: to, label: String(list.length), hidden: false,
      width: Math.min(1.5 + 1.5 * Math.log2(list.length), 9), smooth: false,
      arrows: { to: { enabled: false } }, color: { color: colour, highlight: colour },
    };
  }

  /* The pairs drawn as one edge: in the aggregated view, those with two or more shown. */
  function grouped(shown) {
    const groups = new Map();
    if (!state.aggregate) return groups;
    for (const it of shown) {
      if (state.expanded.has(it.pair)) continue;
      if (!groups.has(it.pair)) groups.set(it.pair, []);
      groups.get(it.pair).push(it);
    }
    for (const [key, list] of groups) if (list.length < 2) groups.delete(key);
    return groups;
  }

  /* What the network should show: id -> [look, make item]. */
  function wanted(shown) {
    const wantEdges = new Map();
    const groups = grouped(shown);
    const touched = new Set();
    for (const it of shown) {
      touched.add(it.source);
      touched.add(it.target);
      if (!groups.has(it.pair)) wantEdges.set(it.id, ["edge", () => edgeItem(it.id)]);
    }
    for (const [key, list] of groups) {
      const look = list.length + "|" + new Set(list.map((it) => it.type)).size;
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
      if (DIM.labels) look.font = { color: up ? FONT_COLOUR : DIM.font };
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

  function dimAll(on) {
    if (on === dimmed || !network) return;
    dimmed = on;
    const nodeLook = { opacity: on ? DIM.opacity : 1 };
    // greying every label makes vis measure them all again: worth it on small networks only
    if (DIM.labels) nodeLook.font = { color: on ? DIM.font : FONT_COLOUR };
    network.setOptions({
      nodes: nodeLook,
      edges: { color: { opacity: on ? DIM.edgeOpacity : VIS.options.edges.color.opacity } },
    });
  }

  /* Recompute what is shown from the state; only changed items touch the network.
     `alsoBeforeDrawing` changes the view in the same drawing (vis draws once either way). */
  function apply(alsoBeforeDrawing) {
    const shown = interactions.filter(passes);
    const [wantNodes, wantEdges] = wanted(shown);
    const nodePut = changes(shownSignature.nodes, wantNodes);
    const edgePut = changes(shownSignature.edges, wantEdges);
    const near = neighbourhood(shown);
    highlight(near, nodePut, edgePut);
    drawOnce(() => {
      dimAll(near !== null);
      commit(nodePut, edgePut);
      if (alsoBeforeDrawing && network) alsoBeforeDrawing();
    });
    lastShown = shown;
    visibleEdges = wantEdges;
    showCounts(shown.length, wantNodes.size);
    drawHistogram();
  }

  /* Write the changes to the DataSets. vis answers every DataSet event by reading each
     updated item back in full, parsing all its options again, and then recomputing the state
     of the whole network: about 0.1 ms an item and 40 ms an event at 10,000 edges. Items
     that are only shown or hidden change one option, so they are written with the network's
     listener detached, flipped on the network's own items, and the network's state is
     recomputed once; every other change takes vis's ordinary path, which recomputes it too. */
  function commit(nodePut, edgePut) {
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
    if (flipped && !nodeRest.length && !edgeRest.length) network.body.emitter.emit("_dataUpdated");
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
     done) when vis is not the version whose insides this knows (9.1.2 is inlined). */
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

  /* vis redraws at once after every DataSet event when physics is off; hold that back
     while both DataSets change, then draw once (vis-network 9.1.2 is inlined, so its
     renderer's flag is known). */
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
    network.redraw();
  }

  function isShown(kind, id) {
    const item = shownSignature[kind].get(id);
    return item !== undefined && item.shown;
  }

  function showCounts(shownInteractions, shownActors) {
    const n = (x) => x.toLocaleString("en");
    $("counts").textContent = n(shownInteractions) + " of " + n(interactions.length) + " interactions · "
      + n(shownActors) + " of " + n(DATA.actors.length) + " actors";
  }

  // --- the network ----------------------------------------------------------------------------

  function createNetwork() {
    allNodes = Object.fromEntries(VIS.nodes.map((n) => [n.id, n]));
    allEdges = Object.fromEntries(VIS.edges.map((e) => [e.id, e]));
    nodes = new vis.DataSet();
    edges = new vis.DataSet();
    apply();
    network = new vis.Network($("mynetwork"), { nodes: nodes, edges: edges }, VIS.options);
    network.once("afterDrawing", () => {
      window.pageDrawnAt = performance.now();
      document.body.dataset.ready = "true";
    });
    network.on("click", onClick);
  }

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
      if (isShown("nodes", id)) network.selectNodes([id], false);
    });
    openActor(id);
  }

  function clearSelection() {
    const unselect = () => network.setSelection({ nodes: [], edges: [] });
    if (state.focus !== null) {
      state.focus = null;
      apply(unselect);
    } else {
      network.unselectAll();
    }
    closePanel();
  }

  /* The id of the edge that currently stands for an interaction (itself or its pair). */
  function shownEdgeOf(it) {
    if (isShown("edges", it.id)) return it.id;
    if (isShown("edges", "pair:" + it.pair)) return "pair:" + it.pair;
    return null;
  }

  function selectEdge(id) {
    if (id !== null) network.selectEdges([id]);
    else network.unselectAll();
  }

  // --- the side panel -------------------------------------------------------------------------

  /* Open the panel on `point` (a canvas position to keep in view) and return its body. */
  function startPanel(point) {
    const body = $("panel-body");
    body.replaceChildren();
    if ($("panel").hidden) {
      keepScale(point);
      $("panel").hidden = false;
    }
    $("panel").scrollTop = 0;
    return body;
  }

  function closePanel() {
    if (!$("panel").hidden) keepScale(null);
    $("panel").hidden = true;
    $("panel-body").replaceChildren();
  }

  /* When the panel opens or closes, the network's area changes width and vis zooms with it;
     keep the zoom (so labels stay legible) and centre what was chosen. */
  function keepScale(point) {
    if (!network) return;
    const scale = network.getScale();
    const position = point || network.getViewPosition();
    requestAnimationFrame(() => requestAnimationFrame(() => network.moveTo({ position, scale })));
  }

  function positionOf(ids) {
    const points = ids.filter((id) => isShown("nodes", id)).map((id) => network.getPosition(id));
    if (!points.length) return null;
    return { x: points.reduce((a, p) => a + p.x, 0) / points.length, y: points.reduce((a, p) => a + p.y, 0) / points.length };
  }

  function chip(type) {
    const t = types.get(type);
    const node = el("span", { className: "chip", text: t.label });
    node.style.background = t.colour;
    return node;
  }

  function sideDot(side) {
    const dot = el("span", { className: "swatch-dot" });
    dot.style.background = sides.get(side).colour;
    return dot;
  }

  function formatDate(date) {
    const [year, month, day] = date.split("-");
    if (!month) return year;
    const name = MONTHS[Number(month) - 1];
    return day ? Number(day) + " " + name + " " + year : name + " " + year;
  }

  function actorLink(id) {
    return el("button", { className: "link", type: "button", text: actors.get(id).name,
      onclick: () => focusActor(id) });
  }

  function interactionLink(it) {
    return el("button", { className: "link", type: "button", text: it.summary,
      onclick: () => openInteraction(it.id) });
  }

  function arrow(it) {
    return types.get(it.type).symmetric ? " — " : " → ";
  }

  function openInteraction(id) {
    const it = byId.get(id);
    const body = startPanel(positionOf([it.source, it.target]));
    body.dataset.interaction = it.id;
    body.append(
      el("p", { className: "kicker" }, [chip(it.type), span(formatDate(it.date))]),
      el("h2", { text: it.summary }),
      el("p", { className: "parties" }, [actorLink(it.source), arrow(it), actorLink(it.target)]),
    );
    if (it.campaign) body.append(el("p", { className: "byline", text: "Campaign: " + campaigns.get(it.campaign).label }));
    if (it.about && byId.has(it.about)) {
      body.append(el("h3", { text: "Reacts to" }), itemList([byId.get(it.about)], false));
    }
    body.append(el("h3", { text: it.evidence.length === 1 ? "Evidence" : "Evidence (" + it.evidence.length + " quotes)" }));
    for (const ev of it.evidence) body.append(evidenceBlock(ev));
    const answers = reactions.get(it.id) || [];
    if (answers.length) body.append(el("h3", { text: "Reactions" }), itemList(byDate(answers), false));
    if (state.aggregate && state.expanded.has(it.pair)) {
      body.append(el("div", { className: "buttons" }, [el("button", { className: "button", type: "button",
        text: "Group this pair again", onclick: () => { state.expanded.delete(it.pair); apply(); openInteraction(id); } })]));
    }
    selectEdge(shownEdgeOf(it));
  }

  function evidenceBlock(ev) {
    const article = DATA.articles[ev.article];
    const byline = [article.outlet, formatDate(article.published)].filter(Boolean).join(" · ");
    const actions = [el("button", { className: "link", type: "button", text: "Read the whole article",
      onclick: () => openReader(ev) })];
    if (article.url && /^https?:\/\//i.test(article.url)) {
      actions.push(el("a", { href: article.url, text: "Source", target: "_blank", rel: "noopener noreferrer" }));
    }
    return el("figure", { className: "evidence" }, [
      el("p", { className: "source" }, [el("span", { className: "title", text: article.title }),
        el("span", { className: "byline", text: byline })]),
      quoteInParagraph(article.text, ev),
      el("div", { className: "actions" }, actions),
    ]);
  }

  /* The paragraph holding the quote, the quote itself marked. */
  function quoteInParagraph(text, ev) {
    const para = el("blockquote", { className: "context" });
    if (ev.start === null) {
      para.append(el("mark", { text: ev.quote }));
      return para;
    }
    const from = text.lastIndexOf("\n", ev.start - 1) + 1;
    const next = text.indexOf("\n", ev.end);
    appendMarked(para, text, from, next === -1 ? text.length : next, ev.start, ev.end);
    return para;
  }

  function appendMarked(parent, text, from, to, start, end) {
    const a = Math.min(Math.max(start, from), to);
    const b = Math.min(Math.max(end, a), to);
    if (a > from) parent.append(text.slice(from, a));
    if (b > a) parent.append(el("mark", { text: text.slice(a, b) }));
    if (to > b) parent.append(text.slice(b, to));
  }

  function openReader(ev) {
    const article = DATA.articles[ev.article];
    $("reader-title").textContent = article.title;
    $("reader-meta").textContent = [article.outlet, formatDate(article.published)].filter(Boolean).join(" · ");
    const holder = $("reader-text");
    holder.replaceChildren();
    const text = article.text;
    const breaks = /\n\s*\n/g;
    let from = 0;
    for (;;) {
      const found = breaks.exec(text);
      const to = found ? found.index : text.length;
      const para = el("p");
      if (ev.start === null) para.append(text.slice(from, to));
      else appendMarked(para, text, from, to, ev.start, ev.end);
      if (to > from) holder.append(para);
      if (!found) break;
      from = breaks.lastIndex;
    }
    $("reader").showModal();
    const mark = holder.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  function byDate(list) {
    return list.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  function quoteText(ev) {
    return ev.start === null ? ev.quote : DATA.articles[ev.article].text.slice(ev.start, ev.end);
  }

  /* Interactions as clickable rows, optionally with their quotes. */
  function itemList(list, withQuotes) {
    const ul = el("ul", { className: "items" });
    for (const it of list) {
      const row = el("button", { className: "row", type: "button", onclick: () => openInteraction(it.id) }, [
        el("span", { className: "line1" }, [chip(it.type), span(formatDate(it.date)),
          span(actors.get(it.source).name + arrow(it) + actors.get(it.target).name)]),
        el("span", { className: "summary", text: it.summary }),
      ]);
      row.dataset.interaction = it.id;
      const li = el("li", {}, [row]);
      if (withQuotes) for (const ev of it.evidence) li.append(el("p", { className: "quote", text: quoteText(ev) }));
      ul.append(li);
    }
    return ul;
  }

  function openActor(id) {
    const actor = actors.get(id);
    const body = startPanel(positionOf([id]));
    body.dataset.actor = id;
    body.append(
      el("p", { className: "kicker" }, [sideDot(actor.side), span(sides.get(actor.side).label),
        span("·"), span(kinds.get(actor.kind).label)]),
      el("h2", { text: actor.name }),
    );
    if (actor.role) body.append(el("p", { text: actor.role }));
    const facts = el("dl", { className: "facts" });
    if (actor.aliases.length) facts.append(el("dt", { text: "Also called" }), el("dd", { text: actor.aliases.join(", ") }));
    if (actor.member_of.length) facts.append(el("dt", { text: "Member of" }), el("dd", {}, linkList(actor.member_of)));
    const own = (members.get(id) || []).map((a) => a.id);
    if (own.length) facts.append(el("dt", { text: "Members" }), el("dd", {}, linkList(own)));
    if (facts.childElementCount) body.append(facts);
    if (!isShown("nodes", id)) body.append(hiddenNote());
    const list = byDate(byActor.get(id));
    body.append(el("h3", { text: list.length === 1 ? "1 interaction" : list.length + " interactions" }), itemList(list, true));
  }

  function linkList(ids) {
    const out = [];
    ids.forEach((other, i) => {
      if (i) out.push(", ");
      out.push(actors.has(other) ? actorLink(other) : other);
    });
    return out;
  }

  function hiddenNote() {
    return el("p", { className: "note" }, ["The current filters hide this actor. ",
      el("button", { className: "link", type: "button", text: "Show everything", onclick: () => { const f = state.focus; reset(); if (f) selectActor(f); } })]);
  }

  function openPair(key) {
    const list = byDate(byPair.get(key).filter(passes));
    const [a, b] = key.split("|");
    const body = startPanel(positionOf([a, b]));
    body.dataset.pair = key;
    body.append(
      el("p", { className: "kicker", text: list.length + " interactions" }),
      el("h2", {}, [actorLink(a), " and ", actorLink(b)]),
      el("div", { className: "buttons" }, [el("button", { className: "button", type: "button",
        text: "Show them as separate lines", onclick: () => { state.expanded.add(key); apply(); } })]),
      itemList(list, true),
    );
  }

  /* Find, centre and select an actor, as a click on it would. */
  function focusActor(id) {
    selectActor(id);
    if (isShown("nodes", id)) {
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    }
  }

  // --- filters and legend ---------------------------------------------------------------------

  function checkRow(group, id, label, swatch, count) {
    const box = el("input", { type: "checkbox", checked: true, value: id });
    box.dataset.group = group;
    box.addEventListener("change", () => {
      if (box.checked) state[group].add(id);
      else state[group].delete(id);
      apply();
    });
    return el("li", {}, [el("label", {}, [box, swatch, el("span", { className: "name", text: label }),
      el("span", { className: "count", text: String(count) })])]);
  }

  function buildLegend() {
    const perType = countBy(interactions, (it) => it.type);
    for (const t of DATA.types) {
      const line = el("span", { className: "swatch-line" + (t.symmetric ? "" : " directed") });
      line.style.background = t.colour;
      line.style.color = t.colour;
      $("type-filter").append(checkRow("types", t.id, t.label, line, perType.get(t.id) || 0));
    }
    const perSide = countBy(DATA.actors, (a) => a.side);
    for (const s of DATA.sides) $("side-filter").append(checkRow("sides", s.id, s.label, sideDot(s.id), perSide.get(s.id) || 0));
    for (const k of DATA.kinds) {
      $("kind-legend").append(el("li", {}, [el("span", { className: "shape shape-" + k.shape }), el("span", { text: k.label })]));
    }
    for (const holder of document.querySelectorAll(".all-none")) allNone(holder, holder.dataset.group);
  }

  function allNone(holder, group) {
    const set = (on) => {
      for (const box of document.querySelectorAll('input[data-group="' + group + '"]')) {
        box.checked = on;
        if (on) state[group].add(box.value);
        else state[group].delete(box.value);
      }
      apply();
    };
    holder.append(el("button", { type: "button", text: "all", onclick: () => set(true) }),
      el("button", { type: "button", text: "none", onclick: () => set(false) }));
  }

  function countBy(list, key) {
    const counts = new Map();
    for (const item of list) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
    return counts;
  }

  function buildCampaigns() {
    const select = $("campaign");
    if (!DATA.campaigns.length) {
      $("campaign-section").hidden = true;
      return;
    }
    select.append(el("option", { value: "", text: "All interactions" }));
    for (const c of DATA.campaigns) select.append(el("option", { value: c.id, text: c.label }));
    select.append(el("option", { value: "-", text: "Not part of a campaign" }));
    select.addEventListener("change", () => { state.campaign = select.value; apply(); });
  }

  function buildDates() {
    if (!months.length) {
      $("date-section").hidden = true;
      return;
    }
    const counts = new Array(months.length).fill(0);
    for (const it of interactions) counts[it.lo] += 1;
    const most = Math.max(...counts);
    for (let i = 0; i < months.length; i++) {
      const bar = el("div", { className: "bar", title: formatDate(months[i]) + ": " + counts[i] });
      bar.style.height = (counts[i] ? Math.max(6, (100 * counts[i]) / most) : 0) + "%";
      $("histogram").append(bar);
    }
    for (const id of ["date-from", "date-to"]) {
      const input = $(id);
      input.max = String(months.length - 1);
      input.addEventListener("input", onDateInput);
    }
    syncDateInputs();
  }

  function onDateInput(event) {
    let from = Number($("date-from").value);
    let to = Number($("date-to").value);
    if (from > to) {
      if (event.target.id === "date-from") to = from;
      else from = to;
    }
    state.from = from;
    state.to = to;
    syncDateInputs();
    scheduleApply();
  }

  let pending = false;
  /* Sliders fire many events per second: apply once per frame. */
  function scheduleApply() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; apply(); });
  }

  function syncDateInputs() {
    $("date-from").value = String(state.from);
    $("date-to").value = String(state.to);
    if (months.length) $("date-label").textContent = formatDate(months[state.from]) + " – " + formatDate(months[state.to]);
  }

  function drawHistogram() {
    const bars = $("histogram").children;
    for (let i = 0; i < bars.length; i++) bars[i].classList.toggle("out", i < state.from || i > state.to);
  }

  // --- search ---------------------------------------------------------------------------------

  const names = new Map();

  function buildSearch() {
    const list = $("actor-names");
    for (const a of DATA.actors) {
      for (const name of [a.name, ...a.aliases]) {
        const key = name.toLocaleLowerCase();
        if (names.has(key)) continue;
        names.set(key, a.id);
        list.append(el("option", { value: name, label: name === a.name ? "" : a.name }));
      }
    }
    const input = $("search");
    input.addEventListener("input", () => {
      const id = names.get(input.value.trim().toLocaleLowerCase());
      $("search-note").textContent = "";
      if (id) focusActor(id);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") search(input.value);
    });
  }

  /* An exact name or alias, else the first that starts with, else contains, the text. */
  function search(text) {
    const query = text.trim().toLocaleLowerCase();
    if (!query) return null;
    let id = names.get(query);
    if (!id) {
      const keys = [...names.keys()];
      const hit = keys.find((k) => k.startsWith(query)) || keys.find((k) => k.includes(query));
      id = hit ? names.get(hit) : null;
    }
    $("search-note").textContent = id ? "" : "No actor by that name";
    if (id) focusActor(id);
    return id;
  }

  // --- reset ----------------------------------------------------------------------------------

  function reset() {
    state.types = new Set(types.keys());
    state.sides = new Set(sides.keys());
    state.campaign = "";
    state.from = 0;
    state.to = Math.max(months.length - 1, 0);
    state.aggregate = interactions.length > DATA.aggregate_above;
    state.expanded.clear();
    state.focus = null;
    for (const box of document.querySelectorAll("input[data-group]")) box.checked = true;
    $("campaign").value = "";
    $("aggregate").checked = state.aggregate;
    $("search").value = "";
    $("search-note").textContent = "";
    syncDateInputs();
    closePanel();
    apply(() => {
      network.setSelection({ nodes: [], edges: [] });  // unselectAll() would draw at once
      network.fit({ animation: false });
    });
  }

  function wireControls() {
    $("aggregate").checked = state.aggregate;
    $("aggregate").addEventListener("change", () => { state.aggregate = $("aggregate").checked; apply(); });
    $("reset").addEventListener("click", reset);
    $("panel-close").addEventListener("click", clearSelection);
    $("reader-close").addEventListener("click", () => $("reader").close());
  }

  buildLegend();
  buildCampaigns();
  buildDates();
  buildSearch();
  wireControls();
  createNetwork();

  graphPage = {
    state: state, apply: apply, reset: reset, search: search, focusActor: focusActor,
    openInteraction: openInteraction, openActor: openActor, shown: () => lastShown.map((it) => it.id),
    visibleEdges: () => [...visibleEdges.keys()],
  };
})();
