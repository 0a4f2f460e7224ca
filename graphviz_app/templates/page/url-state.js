/* Links to a view: the view as the address's fragment and back, pure so that Node runs it on
   its own (tests/js/). A view is
     {types, sides: [ids] or null for all; campaign: "" any, "-" none, else an id;
      from, to: "YYYY-MM" or null for the range's end; q: the search text;
      pairs: true / false, or null for the page's default; view: "network" or another view's
      name; open: {kind: "i" interaction, "a" actor, "p" pair, id; or "s", the Sources
      panel, id "all"} or null; embed: boolean}
   and its fragment reads like #types=call,meeting&from=2021-12&to=2023-02&q=abbas&open=i:ID.
   Every id is percent-encoded, so commas, ampersands and `=` in ids survive. */

const OPEN_KINDS = { i: "interaction", a: "actor", p: "pair", s: "sources" };
const MONTH_KEY = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

function emptyView() {
  return { types: null, sides: null, campaign: "", from: null, to: null, q: "", pairs: null,
    view: "network", open: null, embed: false };
}

function encodeList(values) {
  return values.map(encodeURIComponent).join(",");
}

/* The fragment of a view, "#..." or "" when the view is the page's default one. */
function encodeView(view) {
  const parts = [];
  const add = (key, value) => parts.push(key + "=" + value);
  if (view.types) add("types", encodeList(view.types));
  if (view.sides) add("sides", encodeList(view.sides));
  if (view.campaign) add("campaign", encodeURIComponent(view.campaign));
  if (view.from) add("from", view.from);
  if (view.to) add("to", view.to);
  if (view.q) add("q", encodeURIComponent(view.q));
  if (view.pairs === true || view.pairs === false) add("pairs", view.pairs ? "1" : "0");
  if (view.view && view.view !== "network") add("view", encodeURIComponent(view.view));
  if (view.open) add("open", view.open.kind + ":" + encodeURIComponent(view.open.id));
  if (view.embed) add("embed", "1");
  return parts.length ? "#" + parts.join("&") : "";
}

function decodePart(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch (err) {
    return text;  // a stray "%" in a hand-edited link: keep the text as it is
  }
}

function decodeList(text) {
  return text === "" ? [] : text.split(",").map(decodePart);
}

/* The view a fragment names; keys it does not know and values it cannot read are left out. */
function decodeView(hash) {
  const view = emptyView();
  const body = String(hash || "").replace(/^#/, "");
  if (!body) return view;
  for (const part of body.split("&")) {
    const cut = part.indexOf("=");
    const key = cut === -1 ? part : part.slice(0, cut);
    const raw = cut === -1 ? "" : part.slice(cut + 1);
    if (key === "types" || key === "sides") view[key] = decodeList(raw);
    else if (key === "campaign") view.campaign = decodePart(raw);
    else if ((key === "from" || key === "to") && MONTH_KEY.test(raw)) view[key] = raw;
    else if (key === "q") view.q = decodePart(raw);
    else if (key === "pairs" && (raw === "0" || raw === "1")) view.pairs = raw === "1";
    else if (key === "view" && raw) view.view = decodePart(raw);
    else if (key === "embed") view.embed = raw !== "0";
    else if (key === "open") {
      const colon = raw.indexOf(":");
      const kind = raw.slice(0, colon);
      if (colon > 0 && kind in OPEN_KINDS && raw.length > colon + 1) view.open = { kind: kind, id: decodePart(raw.slice(colon + 1)) };
    }
  }
  return view;
}

function chosenOrAll(chosen, all) {
  return all.every((id) => chosen.has(id)) ? null : all.filter((id) => chosen.has(id));
}

/* The view of the page's filters. `index` (as resolveView takes it) gives the ids in the
   legend's order and the months; `extras` what the filters do not hold ({q, view, open, embed}). */
function viewOf(filters, index, extras) {
  const last = index.months.length - 1;
  return Object.assign(emptyView(), {
    types: chosenOrAll(filters.types, index.typeOrder),
    sides: chosenOrAll(filters.sides, index.sideOrder),
    campaign: filters.campaign,
    from: last >= 0 && filters.from > 0 ? index.months[filters.from] : null,
    to: last >= 0 && filters.to < last ? index.months[filters.to] : null,
    pairs: filters.aggregate === index.aggregateDefault ? null : filters.aggregate,
  }, extras || {});
}

/* A month's place in `months`; a month before or after them all is the first or the last,
   so a link from a build with fewer or more months still opens a range. */
function monthIndex(months, key, fallback) {
  if (!key || !months.length) return fallback;
  const found = months.indexOf(key);
  if (found !== -1) return found;
  return key < months[0] ? 0 : months.length - 1;
}

/* What a view asks of this page: filters to set, and the things it names that the page does
   not have. `index`: {types, sides, campaigns, interactions, actors, pairs} (each with has()),
   `typeOrder`, `sideOrder` (ids), `months`, `aggregateDefault`. */
function resolveView(view, index) {
  const missing = [];
  const pick = (ids, known, order, what) => {
    if (ids === null) return new Set(order);
    for (const id of ids) if (!known.has(id)) missing.push({ what: what, id: id });
    return new Set(ids.filter((id) => known.has(id)));
  };
  const filters = {
    types: pick(view.types, index.types, index.typeOrder, "interaction type"),
    sides: pick(view.sides, index.sides, index.sideOrder, "side"),
    campaign: view.campaign,
    from: monthIndex(index.months, view.from, 0),
    to: monthIndex(index.months, view.to, Math.max(index.months.length - 1, 0)),
    aggregate: view.pairs === null ? index.aggregateDefault : view.pairs,
  };
  if (filters.campaign && filters.campaign !== "-" && !index.campaigns.has(filters.campaign)) {
    missing.push({ what: "campaign", id: filters.campaign });
    filters.campaign = "";
  }
  if (filters.from > filters.to) filters.to = filters.from;
  let open = view.open;
  if (open) {
    const known = { i: index.interactions, a: index.actors, p: index.pairs, s: new Set(["all"]) }[open.kind];
    if (!known.has(open.id)) {
      missing.push({ what: OPEN_KINDS[open.kind], id: open.id });
      open = null;
    }
  }
  return { filters: filters, q: view.q, view: view.view, open: open, embed: view.embed, missing: missing };
}

/* "This link names 2 things this page does not have: interaction x, actor y", or "". */
function missingNote(missing) {
  if (!missing.length) return "";
  const things = missing.length === 1 ? "1 thing" : missing.length + " things";
  return "This link names " + things + " this page does not have: "
    + missing.map((m) => m.what + " " + m.id).join(", ");
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { emptyView, encodeView, decodeView, viewOf, resolveView, monthIndex, missingNote };
}
