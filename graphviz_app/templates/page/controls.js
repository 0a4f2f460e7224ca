/* The controls: type and side filters with the legend, the campaign picker, the date range
   over its histogram, the search, the counts and the reset. */

function checkRow(group, id, label, swatch, count) {
  const box = el("input", { type: "checkbox", checked: true, value: id });
  box.dataset.group = group;
  box.addEventListener("change", () => {
    if (box.checked) state[group].add(id);
    else state[group].delete(id);
    apply();
  });
  return el("li", {}, [el("label", {}, [box, swatch, el("span", { className: "name", text: label }),
    el("span", { className: "count", text: String(count) })])]);
}

/* The legend and the filters of what the data has: filled again when the data changes (see
   live.js), each box checked as the state says. */
function buildLegend() {
  const perType = countBy(interactions, (it) => it.type);
  fillWith($("type-filter"), DATA.types.map((t) => {
    const line = el("span", { className: "swatch-line" + (t.symmetric ? "" : " directed") });
    line.style.background = t.colour;
    line.style.color = t.colour;
    return checkRow("types", t.id, t.label, line, perType.get(t.id) || 0);
  }));
  const perSide = countBy(DATA.actors, (a) => a.side);
  fillWith($("side-filter"), DATA.sides.map((s) => checkRow("sides", s.id, s.label, sideDot(s.id),
    perSide.get(s.id) || 0)));
  fillWith($("kind-legend"), DATA.kinds.map((k) => el("li", {}, [
    el("span", { className: "shape shape-" + k.shape }), el("span", { text: k.label })])));
  for (const box of document.querySelectorAll("input[data-group]")) box.checked = state[box.dataset.group].has(box.value);
}

function allNone(holder, group) {
  const set = (on) => {
    for (const box of document.querySelectorAll('input[data-group="' + group + '"]')) {
      box.checked = on;
      if (on) state[group].add(box.value);
      else state[group].delete(box.value);
    }
    apply();
  };
  holder.append(el("button", { type: "button", text: "all", onclick: () => set(true) }),
    el("button", { type: "button", text: "none", onclick: () => set(false) }));
}

function buildCampaigns() {
  const select = $("campaign");
  $("campaign-section").hidden = !DATA.campaigns.length;
  fillWith(select, [el("option", { value: "", text: "All interactions" }),
    ...DATA.campaigns.map((c) => el("option", { value: c.id, text: c.label })),
    el("option", { value: "-", text: "Not part of a campaign" })]);
  select.value = state.campaign;
}

function buildDates() {
  $("date-section").hidden = !months.length;
  const counts = monthCounts(interactions, months);
  const most = Math.max(...counts);
  fillWith($("histogram"), months.map((month, i) => {
    const bar = el("div", { className: "bar", title: formatDate(month) + ": " + counts[i] });
    bar.style.height = (counts[i] ? Math.max(6, (100 * counts[i]) / most) : 0) + "%";
    return bar;
  }));
  for (const id of ["date-from", "date-to"]) $(id).max = String(Math.max(months.length - 1, 0));
  syncDateInputs();
  drawHistogram();
}

function onDateInput(event) {
  let from = Number($("date-from").value);
  let to = Number($("date-to").value);
  if (from > to) {
    if (event.target.id === "date-from") to = from;
    else from = to;
  }
  state.from = from;
  state.to = to;
  syncDateInputs();
  scheduleApply();
}

let pending = false;
/* Sliders fire many events per second: apply once per frame. */
function scheduleApply() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; apply(); });
}

function syncDateInputs() {
  $("date-from").value = String(state.from);
  $("date-to").value = String(state.to);
  if (months.length) $("date-label").textContent = formatDate(months[state.from]) + " – " + formatDate(months[state.to]);
}

function drawHistogram() {
  const bars = $("histogram").children;
  for (let i = 0; i < bars.length; i++) bars[i].classList.toggle("out", i < state.from || i > state.to);
}

function showCounts(shownInteractions, shownActors) {
  const n = (x) => x.toLocaleString("en");
  $("counts").textContent = n(shownInteractions) + " of " + n(interactions.length) + " interactions · "
    + n(shownActors) + " of " + n(DATA.actors.length) + " actors";
  describeNetwork(shownInteractions, shownActors);
}

let names = searchNames(DATA.actors);

function buildSearch() {
  names = searchNames(DATA.actors);
  fillWith($("actor-names"), [...names.values()].map((entry) => el("option", { value: entry.name,
    label: entry.alias ? entry.actor : "" })));
}

function wireSearch() {
  const input = $("search");
  input.addEventListener("input", () => {
    const entry = names.get(input.value.trim().toLocaleLowerCase());
    $("search-note").textContent = "";
    if (entry) focusActor(entry.id);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") search(input.value);
  });
}

/* Focus the actor the text names (see findActor), or say there is none. */
function search(text) {
  if (!text.trim()) return null;
  const id = findActor(names, text);
  $("search-note").textContent = id ? "" : "No actor by that name";
  if (id) focusActor(id);
  return id;
}

function reset() {
  resetState();
  for (const box of document.querySelectorAll("input[data-group]")) box.checked = true;
  $("campaign").value = "";
  $("aggregate").checked = state.aggregate;
  $("search").value = "";
  $("search-note").textContent = "";
  syncDateInputs();
  closePanel();
  apply(() => {
    clearNetworkSelection();
    fitAll();
  });
}

function wireControls() {
  for (const holder of document.querySelectorAll(".all-none")) allNone(holder, holder.dataset.group);
  $("campaign").addEventListener("change", () => { state.campaign = $("campaign").value; apply(); });
  for (const id of ["date-from", "date-to"]) $(id).addEventListener("input", onDateInput);
  wireSearch();
  $("aggregate").checked = state.aggregate;
  $("aggregate").addEventListener("change", () => { state.aggregate = $("aggregate").checked; apply(); });
  $("reset").addEventListener("click", reset);
  $("panel-close").addEventListener("click", (event) => { if (!isTapEcho(event)) clearSelection(); });
  $("mynetwork").addEventListener("pointerup", noteNetworkTap);
  $("reader-close").addEventListener("click", () => $("reader").close());
}
