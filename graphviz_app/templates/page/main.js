/* Start-up: build the controls, create the network empty, fill it and fit it in its first
   drawing, and offer `graphPage` to scripts and tests. */

buildLegend();
buildCampaigns();
buildDates();
buildSearch();
wireControls();
wireTable();
wireDrawer();
wireKeyboard();
createNetwork($("mynetwork"), VIS, onClick);
onFirstDrawing(() => {
  window.pageDrawnAt = performance.now();
  document.body.dataset.ready = "true";
});
apply(fitAll);

graphPage = {
  state: state, apply: apply, reset: reset, search: search, focusActor: focusActor,
  openInteraction: openInteraction, openActor: openActor, shown: () => lastShown.map((it) => it.id),
  visibleEdges: () => [...visibleEdges.keys()], showView: showView, showTableOf: showTableOf,
  table: table,
};
