/* The live preview's client, added by `graphviz-app serve` to the page it serves (never to
 * the built file).
 *
 * It listens to the server's /events. A newer good build whose page differs only in its
 * data is taken in place: the data comes from /data and the page shows it without loading
 * again (graphPage.replaceData), keeping the whole view. Otherwise (the title changed, the
 * page had no network yet, the data could not be had) the page reloads keeping the view:
 * zoom and position, the filters, the focused actor, the open panel and the table are kept in
 * sessionStorage across the reload and restored from it. A failed build lists its problems
 * over the last good network, as the terminal does; the next good build clears them.
 * `document.body.dataset.previewBuild` names the build the page shows once it is drawn.
 * A build is known by its number and the server process that made it (`run`): a tab that
 * outlives a server takes the next server's first build too.
 */
"use strict";

(function () {
  const KEY = "graphviz-app-preview-view";
  const preview = JSON.parse(document.getElementById("preview-data").textContent);
  let shown = { build: preview.build, run: preview.run };  // the build this page shows
  const isShown = (build) => build.build === shown.build && build.run === shown.run;

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

  /* What a reload would lose: the view as a link names it, what a link does not name (the
     focused actor, the pairs drawn apart), and the zoom and position. */
  function currentView() {
    const page = window.graphPage;
    if (!page || !window.network || typeof page.viewState !== "function") return null;
    return {
      view: page.viewState(),
      keep: { focus: page.state.focus, expanded: [...page.state.expanded] },
      // which table and its order: a link names only that the table is shown
      table: page.table ? { kind: page.table.kind, sort: page.table.sort } : null,
      scale: network.getScale(),
      position: network.getViewPosition(),
    };
  }

  function restoreView(saved) {
    const page = window.graphPage;
    if (!page || !window.network || typeof page.restoreView !== "function") return;
    if (saved.table && page.table && typeof page.showTableOf === "function") {
      for (const kind of Object.keys(page.table.sort)) {
        if (saved.table.sort[kind]) Object.assign(page.table.sort[kind], saved.table.sort[kind]);
      }
      if (saved.table.kind in page.table.sort) page.showTableOf(saved.table.kind);
    }
    page.restoreView(saved.view, { keep: saved.keep, quiet: true });
    // a panel that opens moves the view (two frames later): put the view back after it
    const place = () => network.moveTo({ position: saved.position, scale: saved.scale });
    place();
    requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => {
      place();
      document.body.dataset.previewRestored = "true";
      document.body.dataset.previewBuild = String(shown.build);
    })));
  }

  function reloadKeepingView() {
    const view = currentView();
    if (view) sessionStorage.setItem(KEY, JSON.stringify(view));
    location.reload();
  }

  // --- the problems of a failed build -------------------------------------------------------

  /* The outcome's problems, or the failure that stopped the build before it had any (a data
     file that cannot be read), as the terminal shows it. */
  function showProblems(outcome) {
    clearProblems();
    const problems = outcome.problems;
    const failure = outcome.failure ? [el("li", { text: outcome.failure })] : [];
    const errors = problems.filter((p) => p.severity === "error").length + failure.length;
    const head = el("p", { className: "preview-head",
      text: errors + (errors === 1 ? " error" : " errors") + ": the page shows the last good build. "
        + "Fix and save; this clears by itself." });
    head.style.cssText = "margin:0 0 8px;font-weight:600";
    const list = el("ol", {}, [...failure, ...problems.map(problemItem)]);
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

  // --- new data in place ------------------------------------------------------------------

  let latest = null;  // the newest outcome not yet shown
  let taking = false;  // a swap is under way: the outcome waits for it

  function take(outcome) {
    latest = outcome;
    if (taking) return;
    const page = window.graphPage;
    if (!page || typeof page.replaceData !== "function" || outcome.shell !== preview.shell) {
      reloadKeepingView();
      return;
    }
    taking = true;
    const asked = outcome;
    // the network's data is left out when the build this page shows had the same
    fetch("/data?have=" + encodeURIComponent(shown.run + "." + shown.build), { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
      .then((data) => {
        if (data.shell !== preview.shell) return reloadKeepingView();
        if (!isShown(data)) {
          page.replaceData(data.vis, data.page);
          shown = { build: data.build, run: data.run };
        }
        taking = false;
        // a newer outcome came meanwhile, or this one is shown now; else the data is newer
        // than the outcome, and the outcome of that data is on its way
        if (latest !== asked || isShown(latest)) showOutcome(latest);
        requestAnimationFrame(() => requestAnimationFrame(() => {
          document.body.dataset.previewBuild = String(shown.build);
        }));
      })
      .catch((err) => {
        console.warn("graphviz-app preview: the new data could not be taken in place", err);
        reloadKeepingView();
      });
  }

  function showOutcome(outcome) {
    // build 0: the server has no page yet (its first build runs, or the data has errors
    // from the start); there is nothing to take, and this tab keeps what it shows
    if (outcome.build === 0) {
      if (outcome.ok) clearProblems();
      else showProblems(outcome);
    } else if (!isShown(outcome)) take(outcome);
    else if (outcome.ok) clearProblems();
    else showProblems(outcome);
  }

  const events = new EventSource("/events");
  events.onmessage = (message) => showOutcome(JSON.parse(message.data));
  if (saved === null) document.body.dataset.previewBuild = String(shown.build);
})();
