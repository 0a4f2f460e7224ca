/* The page's pure model: which days a partial date covers, the months of the histogram, the
   filters, one edge per pair, and finding an actor by name. No DOM and no vis-network here,
   so Node runs it on its own (tests/js/). Every lookup by a data id is a Map: ids such as
   `constructor` or `__proto__` are ordinary ids. */

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/* The first and last day a date covers, as YYYY-MM-DD: "2024" is the whole year, "2024-02"
   the whole month (29 days in a leap year), "2024-02-10" that day. */
function daySpan(date) {
  const [year, month, day] = date.split("-");
  if (day) return [date, date];
  if (!month) return [year + "-01-01", year + "-12-31"];
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return [year + "-" + month + "-01", year + "-" + month + "-" + String(days).padStart(2, "0")];
}

/* The month (YYYY-MM) a date starts in, or with `upper`, ends in. */
function monthKey(date, upper) {
  return daySpan(date)[upper ? 1 : 0].slice(0, 7);
}

/* Every month from the earliest any date covers to the latest, gaps included. */
function monthRange(dates) {
  let first = null;
  let last = null;
  for (const date of dates) {
    const [start, end] = daySpan(date);
    if (first === null || start < first) first = start;
    if (last === null || end > last) last = end;
  }
  if (first === null) return [];
  const out = [];
  let [year, month] = first.slice(0, 7).split("-").map(Number);
  const lastMonth = last.slice(0, 7);
  for (;;) {
    const key = year + "-" + String(month).padStart(2, "0");
    out.push(key);
    if (key >= lastMonth) return out;
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
}

/* How many interactions start in each month of `months`. */
function monthCounts(interactions, months) {
  const counts = new Array(months.length).fill(0);
  for (const it of interactions) counts[it.lo] += 1;
  return counts;
}

function formatDate(date) {
  const [year, month, day] = date.split("-");
  if (!month) return year;
  const name = MONTH_NAMES[Number(month) - 1];
  return day ? Number(day) + " " + name + " " + year : name + " " + year;
}

function pairKey(source, target) {
  return [source, target].sort().join("|");
}

function pushTo(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

function byIdMap(list) {
  return new Map(list.map((item) => [item.id, item]));
}

/* The page data indexed by id; each interaction learns its pair and its months (lo, hi),
   worked out once per distinct date (at 10,000 interactions, a third of the time). */
function buildIndex(data) {
  const dates = [...new Set(data.interactions.map((it) => it.date))];
  const months = monthRange(dates);
  const place = new Map(months.map((month, i) => [month, i]));
  const spans = new Map(dates.map((date) => [date, [place.get(monthKey(date, false)), place.get(monthKey(date, true))]]));
  const index = {
    actors: byIdMap(data.actors), types: byIdMap(data.types), sides: byIdMap(data.sides),
    campaigns: byIdMap(data.campaigns), kinds: byIdMap(data.kinds),
    articles: new Map(Object.entries(data.articles)),
    byId: byIdMap(data.interactions), byActor: new Map(data.actors.map((a) => [a.id, []])),
    byPair: new Map(), reactions: new Map(), members: new Map(), months: months,
  };
  for (const it of data.interactions) {
    it.pair = pairKey(it.source, it.target);
    [it.lo, it.hi] = spans.get(it.date);
    index.byActor.get(it.source).push(it);
    index.byActor.get(it.target).push(it);
    pushTo(index.byPair, it.pair, it);
    if (it.about) pushTo(index.reactions, it.about, it);
  }
  for (const a of data.actors) for (const parent of a.member_of) pushTo(index.members, parent, a);
  return index;
}

/* What the filters start at (and reset to): everything shown, nothing focused. */
function initialFilters(index, interactionCount, aggregateAbove) {
  return {
    types: new Set(index.types.keys()),
    sides: new Set(index.sides.keys()),
    campaign: "",  // "" any, "-" none, else that campaign's id
    from: 0,
    to: Math.max(index.months.length - 1, 0),
    aggregate: interactionCount > aggregateAbove,
    expanded: new Set(),
    focus: null,
  };
}

function passesCampaign(it, campaign) {
  if (campaign === "") return true;
  return campaign === "-" ? !it.campaign : it.campaign === campaign;
}

/* Whether the filters let an interaction through: its type, both ends' sides, its campaign,
   and any overlap of its months with the chosen range. */
function passes(it, filters, actors) {
  return filters.types.has(it.type)
    && filters.sides.has(actors.get(it.source).side)
    && filters.sides.has(actors.get(it.target).side)
    && passesCampaign(it, filters.campaign)
    && it.hi >= filters.from && it.lo <= filters.to;
}

/* The focused actor and those it shares a shown interaction with, or null without focus. */
function neighbourhood(shown, focus) {
  if (focus === null) return null;
  const near = new Set([focus]);
  for (const it of shown) {
    if (it.source === focus) near.add(it.target);
    if (it.target === focus) near.add(it.source);
  }
  return near;
}

/* The pairs drawn as one edge: in the aggregated view, those with two or more shown and not
   expanded by the reader. */
function groupPairs(shown, aggregate, expanded) {
  const groups = new Map();
  if (!aggregate) return groups;
  for (const it of shown) if (!expanded.has(it.pair)) pushTo(groups, it.pair, it);
  for (const [key, list] of groups) if (list.length < 2) groups.delete(key);
  return groups;
}

function countBy(list, key) {
  const counts = new Map();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
  return counts;
}

function byDate(list) {
  return list.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/* Every actor's name and aliases, lower-cased, the first actor to use a name keeping it. */
function searchNames(actors) {
  const names = new Map();
  for (const a of actors) {
    for (const name of [a.name, ...a.aliases]) {
      const key = name.toLocaleLowerCase();
      if (!names.has(key)) names.set(key, { id: a.id, name: name, alias: name !== a.name, actor: a.name });
    }
  }
  return names;
}

/* An exact name or alias, else the first that starts with, else contains, the text; or null. */
function findActor(names, text) {
  const query = text.trim().toLocaleLowerCase();
  if (!query) return null;
  if (names.has(query)) return names.get(query).id;
  const keys = [...names.keys()];
  const hit = keys.find((k) => k.startsWith(query)) || keys.find((k) => k.includes(query));
  return hit === undefined ? null : names.get(hit).id;
}

/* The Wikidata page of an item id such as "Q42", or null for anything else. */
function wikidataUrl(id) {
  return typeof id === "string" && /^Q[1-9][0-9]*$/.test(id) ? "https://www.wikidata.org/wiki/" + id : null;
}

/* --- article text: where it starts and its paragraphs (offsets into the untouched text) --- */

/* A seed opens with a ` date YYYY-MM-DD ` line (see seeds.py); the reader hides it. */
const DATE_LINE = /^\ufeff?\s*date (\d{4}-\d{2}-\d{2})(?:\s|$)/;

/* Where the article's own text starts: after a leading date line, else 0. A headline on
   the same line as the date stays: only the date and one space after it are skipped. */
function textStart(text) {
  const found = DATE_LINE.exec(text);
  return found ? found[0].length : 0;
}

/* The paragraphs of text[from..] as [start, end] pairs: split at every run of line breaks
   (\r\n, \r or \n), whitespace-only paragraphs left out. */
function paragraphSpans(text, from) {
  const spans = [];
  const breaks = /[\r\n]+/g;
  breaks.lastIndex = from;
  let start = from;
  for (;;) {
    const found = breaks.exec(text);
    const end = found ? found.index : text.length;
    if (text.slice(start, end).trim()) spans.push([start, end]);
    if (!found) return spans;
    start = breaks.lastIndex;
  }
}

/* The line (between line breaks of any kind) holding text[start..end], never reaching back
   into the hidden date line. */
function lineAround(text, start, end) {
  const back = Math.max(text.lastIndexOf("\n", start - 1), text.lastIndexOf("\r", start - 1)) + 1;
  const ahead = [text.indexOf("\n", end), text.indexOf("\r", end)].filter((i) => i !== -1);
  const head = textStart(text);
  return [start >= head ? Math.max(back, head) : back, ahead.length ? Math.min(...ahead) : text.length];
}

/* --- colour --- */

function luminance(hex) {
  const value = hex.replace("#", "");
  const full = value.length === 3 ? value.split("").map((c) => c + c).join("") : value;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/* White or black text, whichever reads better on `background` (one of them always
   reaches WCAG's 4.5:1). */
function textOn(background) {
  return contrast(background, "#ffffff") >= contrast(background, "#000000") ? "#ffffff" : "#000000";
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = {
    daySpan, monthKey, monthRange, monthCounts, formatDate, pairKey, buildIndex,
    initialFilters, passes, neighbourhood, groupPairs, countBy, byDate, searchNames, findActor,
    wikidataUrl, textStart, paragraphSpans, lineAround, contrast, textOn,
  };
}
