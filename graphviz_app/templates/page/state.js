/* The page's data, its indexes and what the reader has chosen. */

const VIS = readJson("vis-data");
const DATA = readJson("page-data");
const interactions = DATA.interactions;
const {
  actors, types, sides, campaigns, kinds, articles, byId, byActor, byPair, reactions, members, months,
} = buildIndex(DATA);
const state = initialFilters({ types, sides, months }, interactions.length, DATA.aggregate_above);

function resetState() {
  Object.assign(state, initialFilters({ types, sides, months }, interactions.length, DATA.aggregate_above));
}

function isPassing(it) {
  return passes(it, state, actors);
}
