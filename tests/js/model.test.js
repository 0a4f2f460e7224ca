// The page's pure model (graphviz_app/templates/page/model.js), run by tests/test_page_model.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const model = require(path.join(__dirname, "..", "..", "graphviz_app", "templates", "page", "model.js"));

test("a partial date covers its whole year or month, leap Februaries included", () => {
  assert.deepEqual(model.daySpan("2023"), ["2023-01-01", "2023-12-31"]);
  assert.deepEqual(model.daySpan("2024-02"), ["2024-02-01", "2024-02-29"]);
  assert.deepEqual(model.daySpan("2023-02"), ["2023-02-01", "2023-02-28"]);
  assert.deepEqual(model.daySpan("1900-02"), ["1900-02-01", "1900-02-28"]);
  assert.deepEqual(model.daySpan("2000-02"), ["2000-02-01", "2000-02-29"]);
  assert.deepEqual(model.daySpan("2023-04"), ["2023-04-01", "2023-04-30"]);
  assert.deepEqual(model.daySpan("2023-12-05"), ["2023-12-05", "2023-12-05"]);
});

test("month keys are the first and last month a date covers", () => {
  assert.equal(model.monthKey("2023", false), "2023-01");
  assert.equal(model.monthKey("2023", true), "2023-12");
  assert.equal(model.monthKey("2024-02", true), "2024-02");
  assert.equal(model.monthKey("2024-02-29", false), "2024-02");
});

test("the histogram's months run from the earliest to the latest, gaps and year ends included", () => {
  assert.deepEqual(model.monthRange([]), []);
  assert.deepEqual(model.monthRange(["2023-11-30", "2024-02"]), ["2023-11", "2023-12", "2024-01", "2024-02"]);
  assert.equal(model.monthRange(["2022"]).length, 12);
  assert.deepEqual(model.monthRange(["2024-03", "2023-12-01"]), ["2023-12", "2024-01", "2024-02", "2024-03"]);
});

test("each interaction learns the first and last of the histogram's months it covers", () => {
  const at = (date) => ({ id: date, type: "call", source: "a", target: "b", date: date, evidence: [] });
  const index = model.buildIndex({ actors: [{ id: "a", member_of: [] }, { id: "b", member_of: [] }], types: [],
    sides: [], campaigns: [], kinds: [], articles: {}, interactions: [at("2022"), at("2023-03-04"), at("2022-06")] });
  assert.equal(index.months.length, 15);
  assert.deepEqual(["2022", "2023-03-04", "2022-06"].map((d) => [index.byId.get(d).lo, index.byId.get(d).hi]),
    [[0, 11], [14, 14], [5, 5]]);
});

test("dates read as the page shows them", () => {
  assert.equal(model.formatDate("2023"), "2023");
  assert.equal(model.formatDate("2023-02"), "Feb 2023");
  assert.equal(model.formatDate("2023-02-05"), "5 Feb 2023");
});

function sample() {
  const actor = (id, side, extra) => Object.assign({ id, name: "Actor " + id, side, kind: "person", aliases: [], member_of: [] }, extra);
  const interaction = (id, type, source, target, date, extra) => Object.assign(
    { id, type, source, target, date, summary: id, evidence: [] }, extra);
  return {
    actors: [actor("constructor", "__proto__", { aliases: ["Builder"] }), actor("b", "toString", { member_of: ["constructor"] }),
      actor("c", "__proto__", { name: "Carla Builder" }), actor("lonely", "toString")],
    types: [{ id: "call" }, { id: "meeting" }],
    sides: [{ id: "__proto__" }, { id: "toString" }],
    campaigns: [{ id: "hasOwnProperty" }],
    kinds: [{ id: "person" }],
    articles: { constructor: { title: "t" } },
    interactions: [
      interaction("i1", "call", "constructor", "b", "2023-01-10", { campaign: "hasOwnProperty" }),
      interaction("i2", "meeting", "b", "constructor", "2023-03"),
      interaction("i3", "call", "c", "constructor", "2023", { about: "i1" }),
      interaction("__proto__", "meeting", "c", "b", "2024-02-29"),
    ],
    aggregate_above: 3,
  };
}

test("the index keys awkward ids like any other and places each interaction in its months", () => {
  const data = sample();
  const index = model.buildIndex(data);
  assert.equal(index.actors.get("constructor").side, "__proto__");
  assert.equal(index.articles.get("constructor").title, "t");
  assert.equal(index.articles.get("toString"), undefined);
  assert.equal(index.byId.get("__proto__").source, "c");
  assert.deepEqual(index.byActor.get("constructor").map((it) => it.id), ["i1", "i2", "i3"]);
  assert.deepEqual(index.byPair.get("b|constructor").map((it) => it.id), ["i1", "i2"]);
  assert.deepEqual(index.reactions.get("i1").map((it) => it.id), ["i3"]);
  assert.deepEqual(index.members.get("constructor").map((a) => a.id), ["b"]);
  assert.equal(index.months[0], "2023-01");
  assert.equal(index.months[index.months.length - 1], "2024-02");
  const i3 = index.byId.get("i3");
  assert.deepEqual([i3.lo, i3.hi], [0, 11]);
  assert.deepEqual(model.monthCounts(data.interactions, index.months).slice(0, 3), [2, 0, 1]);
});

function shownIds(data, index, filters) {
  return data.interactions.filter((it) => model.passes(it, filters, index.actors)).map((it) => it.id);
}

test("the filters combine type, both sides, campaign and date range", () => {
  const data = sample();
  const index = model.buildIndex(data);
  const filters = model.initialFilters(index, data.interactions.length, data.aggregate_above);
  assert.equal(filters.aggregate, true);  // 4 interactions, more than 3
  assert.deepEqual(shownIds(data, index, filters), ["i1", "i2", "i3", "__proto__"]);
  filters.types.delete("meeting");
  assert.deepEqual(shownIds(data, index, filters), ["i1", "i3"]);
  filters.types.add("meeting");
  filters.sides.delete("toString");  // b sits there: everything touching b goes
  assert.deepEqual(shownIds(data, index, filters), ["i3"]);
  filters.sides.add("toString");
  filters.campaign = "hasOwnProperty";
  assert.deepEqual(shownIds(data, index, filters), ["i1"]);
  filters.campaign = "-";
  assert.deepEqual(shownIds(data, index, filters), ["i2", "i3", "__proto__"]);
  filters.campaign = "";
  filters.from = index.months.indexOf("2023-03");
  filters.to = index.months.indexOf("2023-03");
  assert.deepEqual(shownIds(data, index, filters), ["i2", "i3"]);  // i3 covers all of 2023
  filters.from = filters.to = index.months.indexOf("2024-01");
  assert.deepEqual(shownIds(data, index, filters), []);
});

test("one edge per pair groups pairs with two or more shown, unless expanded or not aggregated", () => {
  const index = model.buildIndex(sample());
  const shown = [...index.byId.values()];
  const groups = model.groupPairs(shown, true, new Set());
  assert.deepEqual([...groups.keys()], ["b|constructor"]);
  assert.deepEqual(groups.get("b|constructor").map((it) => it.id), ["i1", "i2"]);
  assert.equal(model.groupPairs(shown, true, new Set(["b|constructor"])).size, 0);
  assert.equal(model.groupPairs(shown, false, new Set()).size, 0);
  assert.equal(model.groupPairs(shown.slice(1), true, new Set()).size, 0);
  assert.equal(model.pairKey("z", "a"), model.pairKey("a", "z"));
});

test("the neighbourhood of the focused actor is who it shares a shown interaction with", () => {
  const index = model.buildIndex(sample());
  const shown = [...index.byId.values()];
  assert.equal(model.neighbourhood(shown, null), null);
  assert.deepEqual([...model.neighbourhood(shown, "constructor")].sort(), ["b", "c", "constructor"]);
  assert.deepEqual([...model.neighbourhood(shown.slice(3), "lonely")], ["lonely"]);
});

test("search finds an exact name or alias, else a prefix, else a substring", () => {
  const names = model.searchNames(sample().actors);
  assert.equal(model.findActor(names, "  builder "), "constructor");  // alias, exactly
  assert.equal(model.findActor(names, "actor b"), "b");
  assert.equal(model.findActor(names, "carla"), "c");  // starts with
  assert.equal(model.findActor(names, "la bui"), "c");  // contains
  assert.equal(model.findActor(names, "nobody"), null);
  assert.equal(model.findActor(names, "   "), null);
  assert.equal(names.get("builder").alias, true);
  assert.equal(names.get("builder").actor, "Actor constructor");
});

test("items sort by date and Wikidata links only item ids", () => {
  const sorted = model.byDate([{ date: "2023-02" }, { date: "2022" }, { date: "2023-01-31" }]);
  assert.deepEqual(sorted.map((x) => x.date), ["2022", "2023-01-31", "2023-02"]);
  assert.equal(model.wikidataUrl("Q42"), "https://www.wikidata.org/wiki/Q42");
  for (const bad of [undefined, null, "", "q42", "Q0", "Q42 ", "javascript:alert(1)", "P31", 42]) {
    assert.equal(model.wikidataUrl(bad), null, String(bad));
  }
});

test("the reader skips a seed's leading date line and keeps a headline on the same line", () => {
  assert.equal(model.textStart(" date 2023-01-26 \n\nBody"), " date 2023-01-26 ".length);
  const headline = "\ufeff date 2023-01-20 Abbas and Gantz meet again\n\nText.";
  const start = model.textStart(headline);
  assert.equal(headline.slice(start).split("\n")[0], "Abbas and Gantz meet again");
  assert.equal(model.textStart("date 2023-01-26"), "date 2023-01-26".length);
  assert.equal(model.textStart("Body that mentions date 2023-01-26"), 0);
  assert.equal(model.textStart("date 2023-01-266 text"), 0);
});

test("paragraphs split at any run of line breaks, blank ones left out", () => {
  const text = "One.\nTwo.\r\rThree.\r\n\r\n  \nFour.";
  const parts = model.paragraphSpans(text, 0).map(([a, b]) => text.slice(a, b));
  assert.deepEqual(parts, ["One.", "Two.", "Three.", "Four."]);
  assert.deepEqual(model.paragraphSpans("", 0), []);
  const seed = " date 2023-01-26 \nFirst.\nSecond.";
  assert.deepEqual(model.paragraphSpans(seed, model.textStart(seed)).map(([a, b]) => seed.slice(a, b)),
    ["First.", "Second."]);
});

test("a quote's line ends at CR or LF and never reaches into the date line", () => {
  const text = "First line.\rThe quote is here.\rLast.";
  const start = text.indexOf("quote");
  const [a, b] = model.lineAround(text, start, start + 5);
  assert.equal(text.slice(a, b), "The quote is here.");
  const seed = " date 2023-01-20 Headline with a quote\n\nBody.";
  const q = seed.indexOf("quote");
  const [c, d] = model.lineAround(seed, q, q + 5);
  assert.equal(seed.slice(c, d), "Headline with a quote");
});

test("chip text is whichever of white or black reaches 4.5:1 on the colour", () => {
  for (const colour of ["#8d99ae", "#1f77b4", "#fde68a", "#ff7f0e", "#bcbd22", "#7f7f7f", "#000", "#fff"]) {
    assert.ok(model.contrast(colour, model.textOn(colour)) >= 4.5, colour);
  }
  assert.equal(model.textOn("#000000"), "#ffffff");
  assert.equal(model.textOn("#ffffff"), "#000000");
});
