/* New data in place: the live preview (`graphviz-app serve`) hands the page the data of each
   rebuild, and the page shows it without loading again. What the reader had stays: the zoom
   and position, the filters, the focused actor, the pairs drawn apart, the open panel and
   how far it was scrolled, the table, the timeline, an open article (shown as it now
   reads), and what had keyboard focus. Everything built from the data is built again; the
   network writes only the items that changed. `vis` null means the network's own data is
   as it was. */

function replaceData(vis, data) {
  // one drawing for all of it, and none when the network looks as it did (an edited
  // summary or quote): a drawing of 10,000 interactions takes a quarter of a second
  const before = drawnMark();
  drawOnce(() => takeInPlace(vis, data), () => drawnMark() !== before);
}

let takingData = false;  // while true, a panel opened again takes no focus (see enterPanel)

function takeInPlace(vis, data) {
  const view = viewState();
  const keep = { focus: state.focus, expanded: [...state.expanded] };
  const active = document.activeElement;
  const activeKey = active && active.dataset ? active.dataset.key : undefined;
  const panelScroll = $("panel").scrollTop;
  const playing = timeline.playing;
  const playedMonth = timeline.cursor >= 0 ? months[timeline.cursor] : null;
  if (dimLabels(data) !== dimLabels(DATA)) dimAll(false);  // undone as it was done
  takeData(vis || VIS, data);
  const same = { changed: [], removed: [] };
  const found = vis ? replaceItems(vis) : { nodes: same, edges: same, options: false };
  if (found.options) forgetLook();
  forgetItems("nodes", found.nodes.changed, found.nodes.removed);
  forgetItems("edges", found.edges.changed, found.edges.removed);
  resetState();  // the controls are built for the new data, then set as the view was
  buildLegend();
  buildCampaigns();
  buildDates();
  buildSearch();
  fitTimeline();
  takingData = true;
  try {
    restoreView(view, { keep: keep, quiet: true });
    refreshReader();
    timeline.cursor = playedMonth === null ? -1 : months.indexOf(playedMonth);
    markMonth(timeline.cursor);
    if (playing && timeline.cursor !== -1) playTimeline();
    $("panel").scrollTop = panelScroll;
  } finally {
    queueMicrotask(() => {  // after the panel has been named (enterPanel)
      takingData = false;
      focusAgain(active, activeKey);
      $("panel").scrollTop = panelScroll;
    });
  }
}

/* Focus what had it before, or what stands for it now (a row drawn again has the same
   data-key); if nothing had focus, nothing has it now. */
function focusAgain(active, key) {
  let target = active;
  if (target && !target.isConnected && key) {
    target = byKey(key);
  }
  if (!target || !target.isConnected || target === document.body) {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  } else if (target !== document.activeElement) {
    target.focus({ preventScroll: true });
  }
}
