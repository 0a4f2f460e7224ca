/* The table view: the interactions that pass the filters (and, with an actor in focus,
   that actor's), or the actors the network shows; sortable by every column, a row opens
   the same panel as a click on the network. The keyboard's way through the data: one Tab
   stop for the rows, arrow keys between them, Enter or Space to open one. Only the first
   TABLE_PAGE rows of the sorted list are drawn, more on request, so the table stays quick
   at 10,000 interactions. */

const TABLE_PAGE = 100;
const COLLATOR = new Intl.Collator("en");  // far quicker than localeCompare on 10,000 rows

const table = {
  view: "network",
  kind: "interactions",
  sort: { interactions: { key: "date", dir: 1 }, actors: { key: "interactions", dir: -1 } },
  limit: TABLE_PAGE,
  activeKey: null,
  renderedMs: null,
};

const byName = (id) => actors.get(id).name;
const articleTitles = (it) => [...new Set(it.evidence.map((ev) => ev.article))]
  .map((id) => articles.get(id).title);

const TABLE_COLUMNS = {
  interactions: [
    { key: "date", label: "Date", plain: true, value: (it) => it.date, cell: (it) => formatDate(it.date) },
    { key: "type", label: "Type", value: (it) => types.get(it.type).label, cell: (it) => chip(it.type) },
    { key: "from", label: "From", value: (it) => byName(it.source) },
    { key: "to", label: "To", value: (it) => byName(it.target) },
    { key: "summary", label: "Summary", value: (it) => it.summary },
    { key: "quotes", label: "Quotes", num: true, value: (it) => it.evidence.length },
    { key: "articles", label: "Articles", value: (it) => articleTitles(it).join("; ") },
  ],
  actors: [
    { key: "name", label: "Name", value: (row) => row.actor.name },
    { key: "side", label: "Side", value: (row) => sides.get(row.actor.side).label,
      cell: (row) => [sideDot(row.actor.side), " ", sides.get(row.actor.side).label] },
    { key: "kind", label: "Kind", value: (row) => kinds.get(row.actor.kind).label },
    { key: "interactions", label: "Interactions", num: true, value: (row) => row.interactions },
    { key: "partners", label: "Partners", num: true, value: (row) => row.partners },
  ],
};

/* The rows of the current table, unsorted: interactions, or actors with their counts in
   what is shown. */
function tableRows() {
  if (table.kind === "interactions") {
    const focus = state.focus;
    return focus === null ? lastShown : lastShown.filter((it) => it.source === focus || it.target === focus);
  }
  const counts = new Map();
  const partners = new Map();
  for (const it of lastShown) {
    for (const [me, other] of [[it.source, it.target], [it.target, it.source]]) {
      counts.set(me, (counts.get(me) || 0) + 1);
      if (!partners.has(me)) partners.set(me, new Set());
      partners.get(me).add(other);
    }
  }
  return DATA.actors.filter((a) => isShown("nodes", a.id)).map((a) => ({
    id: a.id, actor: a, interactions: counts.get(a.id) || 0, partners: partners.has(a.id) ? partners.get(a.id).size : 0,
  }));
}

function sortRows(rows, column, dir) {
  const keyed = rows.map((row) => [column.value(row), row.id, row]);
  keyed.sort((a, b) => {
    if (a[0] !== b[0]) {
      if (column.num) return (a[0] - b[0]) * dir;
      if (column.plain) return (a[0] < b[0] ? -1 : 1) * dir;
      return COLLATOR.compare(a[0], b[0]) * dir || (a[0] < b[0] ? -1 : 1) * dir;
    }
    return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  });
  return keyed.map((entry) => entry[2]);
}

/* Draw the table again from the state; nothing is drawn while the network is in view. */
function renderTable() {
  if (table.view !== "table") return;
  const started = performance.now();
  const columns = TABLE_COLUMNS[table.kind];
  const sort = table.sort[table.kind];
  const column = columns.find((c) => c.key === sort.key);
  const rows = sortRows(tableRows(), column, sort.dir);
  const shown = rows.slice(0, table.limit);
  // explicit roles: the narrow layout (table.css) changes how rows display, not what they are
  const grid = el("table", { className: "data-table " + table.kind, id: table.kind + "-table", role: "table" }, [
    el("caption", { className: "visually-hidden", text: tableCaption(rows.length, column, sort.dir) }),
    el("thead", {}, [el("tr", { role: "row" }, columns.map((c) => headerCell(c, sort)))]),
    el("tbody", {}, shown.map((row) => bodyRow(row, columns))),
  ]);
  const holder = $("table-holder");
  const scroll = holder.scrollTop;
  holder.replaceChildren(grid);
  if (rows.length > shown.length) holder.append(moreButton(rows.length - shown.length));
  holder.scrollTop = scroll;
  setRovingRow(grid);
  showTableNote(rows.length, shown.length);
  table.renderedMs = performance.now() - started;
}

function tableCaption(count, column, dir) {
  const what = table.kind === "interactions" ? "interactions" : "actors";
  return count.toLocaleString("en") + " " + what + ", sorted by " + column.label.toLowerCase()
    + (dir > 0 ? ", ascending" : ", descending");
}

function headerCell(column, sort) {
  const th = el("th", { scope: "col", role: "columnheader", className: column.num ? "num" : "" }, [
    el("button", { type: "button", text: column.label, onclick: () => sortBy(column) }),
  ]);
  if (column.key === sort.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
  return th;
}

function sortBy(column) {
  const sort = table.sort[table.kind];
  if (sort.key === column.key) sort.dir = -sort.dir;
  else Object.assign(sort, { key: column.key, dir: column.num ? -1 : 1 });
  renderTable();
  const button = [...$("table-holder").querySelectorAll("th button")].find((b) => b.textContent === column.label);
  if (button) button.focus();
}

function bodyRow(row, columns) {
  const key = (table.kind === "interactions" ? "i:" : "a:") + row.id;
  const tr = el("tr", { tabIndex: -1, role: "row" }, columns.map((c) => {
    const td = el("td", { className: "c-" + c.key + (c.num ? " num" : ""), role: "cell" });
    if (c.num) td.dataset.label = c.label;
    const content = c.cell ? c.cell(row) : c.value(row);
    td.append(...(Array.isArray(content) ? content : [content]));
    return td;
  }));
  tr.dataset.key = key;
  if (table.kind === "actors" && state.focus === row.id) tr.setAttribute("aria-current", "true");
  tr.addEventListener("click", () => openRow(tr));
  tr.addEventListener("keydown", (event) => onRowKey(event, tr));
  return tr;
}

function openRow(tr) {
  table.activeKey = tr.dataset.key;
  setRovingRow(tr.closest("table"));
  tr.focus({ preventScroll: true });
  const id = tr.dataset.key.slice(2);
  if (tr.dataset.key.startsWith("i:")) openInteraction(id);
  else selectActor(id);
}

function onRowKey(event, tr) {
  const moves = { ArrowDown: tr.nextElementSibling, ArrowUp: tr.previousElementSibling,
    Home: tr.parentElement.firstElementChild, End: tr.parentElement.lastElementChild };
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    openRow(tr);
  } else if (event.key in moves) {
    event.preventDefault();
    const next = moves[event.key];
    if (next) {
      table.activeKey = next.dataset.key;
      setRovingRow(tr.closest("table"));
      next.focus();
    }
  }
}

/* One row takes part in Tab: the last one used if it is still listed, else the first. */
function setRovingRow(grid) {
  const rows = grid.tBodies[0].rows;
  let active = null;
  for (const tr of rows) {
    tr.tabIndex = -1;
    if (tr.dataset.key === table.activeKey) active = tr;
  }
  if (!active && rows.length) active = rows[0];
  if (active) active.tabIndex = 0;
}

function moreButton(left) {
  const more = Math.min(left, TABLE_PAGE);
  return el("button", { className: "button more", type: "button",
    text: "Show " + more.toLocaleString("en") + " more (" + left.toLocaleString("en") + " not shown)",
    onclick: () => {
      const first = table.limit;
      table.limit += TABLE_PAGE;
      renderTable();
      const row = $("table-holder").querySelectorAll("tbody tr")[first];
      if (row) { table.activeKey = row.dataset.key; setRovingRow(row.closest("table")); row.focus(); }
    } });
}

function showTableNote(count, drawn) {
  const n = (x) => x.toLocaleString("en");
  const what = table.kind === "interactions" ? " interactions" : " actors";
  let text = (drawn < count ? "First " + n(drawn) + " of " + n(count) : n(count)) + what;
  if (table.kind === "interactions" && state.focus !== null) text += " of " + actors.get(state.focus).name;
  text += " that pass the filters";
  const note = $("table-note");
  note.replaceChildren(text + ". ");
  if (table.kind === "interactions" && state.focus !== null) {
    note.append(el("button", { className: "link", type: "button", text: "Show every actor's",
      onclick: clearSelection }));
  }
}

function showView(view) {
  const tableOn = view === "table";
  table.view = tableOn ? "table" : "network";
  $("table-view").hidden = !tableOn;
  $("mynetwork").inert = tableOn;
  $("view-network").setAttribute("aria-pressed", String(!tableOn));
  $("view-table").setAttribute("aria-pressed", String(tableOn));
  if (tableOn) renderTable();
}

function showTableOf(kind) {
  table.kind = kind;
  table.limit = TABLE_PAGE;
  $("table-interactions").setAttribute("aria-pressed", String(kind === "interactions"));
  $("table-actors").setAttribute("aria-pressed", String(kind === "actors"));
  renderTable();
}

function wireTable() {
  $("view-network").addEventListener("click", () => showView("network"));
  $("view-table").addEventListener("click", () => showView("table"));
  $("table-interactions").addEventListener("click", () => showTableOf("interactions"));
  $("table-actors").addEventListener("click", () => showTableOf("actors"));
}
