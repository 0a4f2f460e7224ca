/* The live preview's client, added by `graphviz-app serve` to the page it serves (never to
 * the built file).
 *
 * It listens to the server's /events. A newer good build reloads the page keeping the view:
 * zoom and position, the filters, the focused actor and the open panel are kept in
 * sessionStorage across the reload and restored from it. A failed build lists its problems
 * over the last good network, as the terminal does; the next good build clears them.
 */
"use strict";

(function () {
  const KEY = "graphviz-app-preview-view";
  const shown = JSON.parse(document.getElementById("preview-data").textContent).build;

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else node[key] = value;
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  // --- the view, kept across a reload -------------------------------------------------------

  function currentView() {
    const page = window.graphPage;
    if (!page || !window.network) return null;
    const state = page.state;
    const unchecked = (group) => [...document.querySelectorAll('input[data-group="' + group + '"]')]
      .filter((box) => !box.checked).map((box) => box.value);
    const body = document.getElementById("panel-body");
    const panelOpen = !document.getElementById("panel").hidden;
    return {
      scale: network.getScale(),
      position: network.getViewPosition(),
      hidden: { types: unchecked("types"), sides: unchecked("sides") },
      campaign: state.campaign,
      from: state.from,
      to: state.to,
      lastMonth: Number(document.getElementById("date-to").max),
      aggregate: state.aggregate,
      expanded: [...state.expanded],
      focus: state.focus,
      panel: panelOpen ? { interaction: body.dataset.interaction || null, actor: body.dataset.actor || null,
        pair: body.dataset.pair || null } : null,
    };
  }

  function restoreView(view) {
    const page = window.graphPage;
    if (!page || !window.network) return;
    const state = page.state;
    for (const group of ["types", "sides"]) {
      state[group].clear();
      for (const box of document.querySelectorAll('input[data-group="' + group + '"]')) {
        box.checked = !view.hidden[group].includes(box.value);
        if (box.checked) state[group].add(box.value);
      }
    }
    const campaign = document.getElementById("campaign");
    if ([...campaign.options].some((o) => o.value === view.campaign)) {
      campaign.value = view.campaign;
      state.campaign = view.campaign;
    }
    restoreDates(view);
    state.aggregate = view.aggregate;
    document.getElementById("aggregate").checked = view.aggregate;
    state.expanded.clear();
    for (const pair of view.expanded) state.expanded.add(pair);
    state.focus = view.focus && allNodes[view.focus] ? view.focus : null;
    page.apply();
    if (state.focus && nodes.get(state.focus)) network.selectNodes([state.focus], false);
    const panel = view.panel || {};
    if (panel.interaction && allEdges[panel.interaction]) page.openInteraction(panel.interaction);
    else if (panel.actor && allNodes[panel.actor]) page.openActor(panel.actor);
    else if (panel.pair && edges.get("pair:" + panel.pair)) {
      // the page opens a pair's panel only from a click on its edge: make that click
      network.emit("click", { nodes: [], edges: ["pair:" + panel.pair] });
    }
    // the panel moves the view when it opens (two frames later): put the view back after it
    const place = () => network.moveTo({ position: view.position, scale: view.scale });
    place();
    requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => {
      place();
      document.body.dataset.previewRestored = "true";
    })));
  }

  function restoreDates(view) {
    const from = document.getElementById("date-from");
    const to = document.getElementById("date-to");
    const last = Number(to.max);
    if (!(last >= 0) || view.lastMonth === last) {
      from.value = String(view.from);
      to.value = String(view.to);
    } else if (view.from !== 0 || view.to !== view.lastMonth) {
      from.value = String(Math.min(view.from, last));
      to.value = String(view.to === view.lastMonth ? last : Math.min(view.to, last));
    } else {
      return; // the whole range was shown: show the whole of the new one
    }
    from.dispatchEvent(new Event("input"));  // the page's own handler updates its state
  }

  function reloadKeepingView() {
    const view = currentView();
    if (view) sessionStorage.setItem(KEY, JSON.stringify(view));
    location.reload();
  }

  // --- the problems of a failed build -------------------------------------------------------

  function showProblems(problems) {
    clearProblems();
    const errors = problems.filter((p) => p.severity === "error").length;
    const head = el("p", { className: "preview-head",
      text: errors + (errors === 1 ? " error" : " errors") + ": the page shows the last good build. "
        + "Fix and save; this clears by itself." });
    head.style.cssText = "margin:0 0 8px;font-weight:600";
    const list = el("ol", {}, problems.map(problemItem));
    list.style.cssText = "margin:0;padding-left:20px";
    const box = el("div", { id: "preview-problems", role: "alert" }, [head, list]);
    box.style.cssText = "position:fixed;left:16px;right:16px;top:16px;z-index:1000;max-height:60vh;"
      + "overflow:auto;background:#fff;color:#1f2933;border:2px solid #b42318;border-radius:6px;"
      + "padding:12px 16px;box-shadow:0 4px 18px rgba(0,0,0,.25);"
      + "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    document.body.append(box);
    document.body.dataset.preview = "failed";
  }

  function problemItem(p) {
    const where = p.file + ":" + p.line + ":" + p.column + ": ";
    const first = el("div", {}, [where, el("strong", { text: p.code }), " " + p.message]);
    const item = el("li", {}, [first]);
    if (p.help) item.append(el("div", { text: "= help: " + p.help }));
    item.style.marginBottom = "6px";
    return item;
  }

  function clearProblems() {
    const box = document.getElementById("preview-problems");
    if (box) box.remove();
    document.body.dataset.preview = "ok";
  }

  // --- the event stream ---------------------------------------------------------------------

  const saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    try {
      restoreView(JSON.parse(saved));
    } catch (err) {
      console.warn("graphviz-app preview: the view could not be restored", err);
    }
  }

  const events = new EventSource("/events");
  events.onmessage = (message) => {
    const outcome = JSON.parse(message.data);
    if (outcome.build !== shown) reloadKeepingView();
    else if (outcome.ok) clearProblems();
    else showProblems(outcome.problems);
  };
})();
