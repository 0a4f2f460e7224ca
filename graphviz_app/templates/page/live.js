/* New data in place: the live preview (`graphviz-app serve`) hands the page the data of each
   rebuild, and the page shows it without loading again. What the reader had stays: the zoom
   and position, the filters, the focused actor, the pairs drawn apart, the open panel and
   how far it was scrolled, the table, and what had keyboard focus. Everything built from
   the data is built again; the network writes only the items that changed. */

function replaceData(vis, data) {
  // one drawing for all of it, and none when the network looks as it did (an edited
  // summary or quote): a drawing of 10,000 interactions takes a quarter of a second
  const before = drawnMark();
  drawOnce(() => takeInPlace(vis, data), () => drawnMark() !== before);
}

function takeInPlace(vis, data) {
  const view = viewState();
  const keep = { focus: state.focus, expanded: [...state.expanded] };
  const active = document.activeElement;
  const activeKey = active && active.dataset ? active.dataset.key : undefined;
  const panelScroll = $("panel").scrollTop;
  if (dimLabels(data) !== dimLabels(DATA)) dimAll(false);  // undone as it was done
  takeData(vis, data);
  const found = replaceItems(vis);
  forgetItems("nodes", found.nodes.changed, found.nodes.removed);
  forgetItems("edges", found.edges.changed, found.edges.removed);
  resetState();  // the controls are built for the new data, then set as the view was
  buildLegend();
  buildCampaigns();
  buildDates();
  buildSearch();
  fitTimeline();
  restoreView(view, { keep: keep, quiet: true });
  $("panel").scrollTop = panelScroll;
  queueMicrotask(() => focusAgain(active, activeKey));  // after the panel has taken focus
}

/* Focus what had it before, or what stands for it now (a table row drawn again has the same
   data-key); nothing if it is gone or had no focus of its own. */
function focusAgain(active, key) {
  let target = active;
  if (target && !target.isConnected && key) {
    target = [...document.querySelectorAll("[data-key]")].find((node) => node.dataset.key === key);
  }
  if (target && target.isConnected && target !== document.body && target !== document.activeElement) {
    target.focus({ preventScroll: true });
  }
}
