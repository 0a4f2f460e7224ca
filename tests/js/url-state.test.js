// Links to a view (graphviz_app/templates/page/url-state.js), run by tests/test_page_model.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const links = require(path.join(__dirname, "..", "..", "graphviz_app", "templates", "page", "url-state.js"));

const MONTHS = ["2022-11", "2022-12", "2023-01", "2023-02"];
const INDEX = {
  types: new Set(["call", "meeting", "pressure"]), sides: new Set(["israel", "hamas"]),
  campaigns: new Set(["keep"]), interactions: new Set(["x-1", "a,b&c=d"]),
  actors: new Set(["abbas", "__proto__"]), pairs: new Set(["abbas|gantz"]),
  typeOrder: ["call", "meeting", "pressure"], sideOrder: ["israel", "hamas"], months: MONTHS,
  aggregateDefault: false,
};

function view(changes) {
  return Object.assign(links.emptyView(), changes);
}

test("the default view has no fragment and every part of a view survives a round trip", () => {
  assert.equal(links.encodeView(links.emptyView()), "");
  const full = view({ types: ["call", "meeting"], sides: [], campaign: "-", from: "2022-12", to: "2023-01",
    q: "abu mazen & co", pairs: true, view: "table", open: { kind: "i", id: "a,b&c=d" }, embed: true });
  const hash = links.encodeView(full);
  assert.match(hash, /^#types=call,meeting&sides=&campaign=-&from=2022-12&to=2023-01&q=/);
  assert.deepEqual(links.decodeView(hash), full);
  assert.deepEqual(links.decodeView(hash.slice(1)), full);  // with or without the "#"
  for (const open of [{ kind: "a", id: "__proto__" }, { kind: "p", id: "abbas|gantz" }, { kind: "s", id: "all" }]) {
    assert.deepEqual(links.decodeView(links.encodeView(view({ open }))).open, open);
  }
  assert.equal(links.decodeView(links.encodeView(view({ pairs: false }))).pairs, false);
});

test("a fragment's unknown keys and unreadable values are left out", () => {
  const read = links.decodeView("#from=2023-13&to=soon&pairs=maybe&open=x:1&zoom=3&q=%E0%A4%A&open=i:");
  assert.deepEqual(read, view({ q: "%E0%A4%A" }));
  assert.deepEqual(links.decodeView(""), links.emptyView());
  assert.equal(links.decodeView("#q=two+words").q, "two words");
});

test("the view of the filters names only what differs from showing everything", () => {
  const all = { types: new Set(INDEX.typeOrder), sides: new Set(INDEX.sideOrder), campaign: "", from: 0, to: 3, aggregate: false };
  assert.equal(links.encodeView(links.viewOf(all, INDEX, {})), "");
  const some = Object.assign({}, all, { types: new Set(["pressure", "call"]), from: 1, aggregate: true });
  const v = links.viewOf(some, INDEX, { q: "abbas", open: { kind: "a", id: "abbas" } });
  assert.deepEqual(v.types, ["call", "pressure"]);  // in the legend's order
  assert.equal(v.sides, null);
  assert.equal(v.from, "2022-12");
  assert.equal(v.to, null);
  assert.equal(v.pairs, true);
  assert.equal(links.encodeView(v), "#types=call,pressure&from=2022-12&q=abbas&pairs=1&open=a:abbas");
});

test("a view resolves to filters, and what the page does not have is listed, not fatal", () => {
  const found = links.resolveView(view({ types: ["call", "gone"], campaign: "old-campaign", from: "2023-01",
    to: "2022-12", open: { kind: "i", id: "renamed" } }), INDEX);
  assert.deepEqual([...found.filters.types], ["call"]);
  assert.deepEqual([...found.filters.sides], ["israel", "hamas"]);
  assert.equal(found.filters.campaign, "");
  assert.deepEqual([found.filters.from, found.filters.to], [2, 2]);
  assert.equal(found.open, null);
  assert.deepEqual(found.missing, [{ what: "interaction type", id: "gone" }, { what: "campaign", id: "old-campaign" },
    { what: "interaction", id: "renamed" }]);
  assert.equal(links.missingNote(found.missing),
    "This link names 3 things this page does not have: interaction type gone, campaign old-campaign, interaction renamed");
  assert.equal(links.missingNote([{ what: "actor", id: "y" }]), "This link names 1 thing this page does not have: actor y");
  assert.equal(links.missingNote([]), "");
  const kept = links.resolveView(view({ open: { kind: "a", id: "__proto__" }, pairs: true }), INDEX);
  assert.deepEqual(kept.open, { kind: "a", id: "__proto__" });
  assert.equal(kept.filters.aggregate, true);
  assert.deepEqual(kept.missing, []);
});

test("months outside this page's range clamp to its first or last month", () => {
  assert.equal(links.monthIndex(MONTHS, "2019-05", 9), 0);
  assert.equal(links.monthIndex(MONTHS, "2030-01", 9), 3);
  assert.equal(links.monthIndex(MONTHS, "2023-01", 9), 2);
  assert.equal(links.monthIndex(MONTHS, null, 9), 9);
  assert.equal(links.monthIndex([], "2023-01", 0), 0);
});

test("the Sources panel is a view of its own, whatever the page has", () => {
  assert.equal(links.encodeView(view({ open: { kind: "s", id: "all" } })), "#open=s:all");
  assert.deepEqual(links.resolveView(view({ open: { kind: "s", id: "all" } }), INDEX).open, { kind: "s", id: "all" });
  const odd = links.resolveView(view({ open: { kind: "s", id: "some" } }), INDEX);
  assert.equal(odd.open, null);
  assert.deepEqual(odd.missing, [{ what: "sources", id: "some" }]);
});
