/* Start-up: build the controls, create the network empty, fill it and fit it in its first
   drawing, and offer `graphPage` to scripts and tests. */

buildLegend();
buildCampaigns();
buildDates();
buildSearch();
buildTimeline();
wireControls();
wireTable();
wireDrawer();
wireKeyboard();
wireLinks();
wireSources();
wirePicture();
showCounts(interactions.length, DATA.actors.length);  // the header at its size before the network measures its own
createNetwork($("mynetwork"), VIS, onClick);
onFirstDrawing(() => {
  window.pageDrawnAt = performance.now();
  document.body.dataset.ready = "true";
});
startView();  // the view the address names, else everything

graphPage = {
  state: state, apply: apply, reset: reset, search: search, focusActor: focusActor,
  openInteraction: openInteraction, openActor: openActor, shown: () => lastShown.map((it) => it.id),
  visibleEdges: () => [...visibleEdges.keys()], showView: showView, showTableOf: showTableOf,
  table: table, getView: () => table.view, setView: showView,
  viewState: viewState, restoreView: restoreView, encodeView: encodeView, openPair: openPair,
  replaceData: replaceData,
  decodeView: decodeView, play: playTimeline, pause: stopTimeline, openSources: openSources,
  pictureSvg: pictureSvg,
};
