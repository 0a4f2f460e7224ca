/* The page's data, its indexes and what the reader has chosen. The data is read from the
   page once; the live preview hands the page new data in place (see live.js), so the data
   and its indexes are variables that `takeData` sets. */

let VIS, DATA, interactions;
let actors, types, sides, campaigns, kinds, articles, byId, byActor, byPair, reactions, members, months;

function takeData(vis, data) {
  VIS = vis;
  DATA = data;
  interactions = DATA.interactions;
  ({ actors, types, sides, campaigns, kinds, articles, byId, byActor, byPair, reactions, members, months }
    = buildIndex(DATA));
}

takeData(readJson("vis-data"), readJson("page-data"));
const state = initialFilters({ types, sides, months }, interactions.length, DATA.aggregate_above);

function resetState() {
  Object.assign(state, initialFilters({ types, sides, months }, interactions.length, DATA.aggregate_above));
}

function isPassing(it) {
  return passes(it, state, actors);
}
