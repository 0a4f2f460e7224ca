/* Links to a view: the address's fragment follows what the reader does (see url-state.js),
   so that a copied link, a bookmark or a reload opens the same view, and Back and Forward
   step through it. Only the reader's own actions (clicks, changes, typing) add to the
   history; restoring a view from the history adds nothing. */

/* What a view is read against: the ids the page has, in the legend's order, and its months. */
function linkIndex() {
  return {
    types: types, sides: sides, campaigns: campaigns, interactions: byId, actors: actors, pairs: byPair,
    typeOrder: DATA.types.map((t) => t.id), sideOrder: DATA.sides.map((s) => s.id), months: months,
    aggregateDefault: interactions.length > DATA.aggregate_above,
  };
}

let embedFromLink = false;  // the fragment asked for the embedded look: keep asking

/* What is open in the panel, as a link names it. */
function openItem() {
  if ($("panel").hidden) return null;
  const data = $("panel-body").dataset;
  if (data.interaction) return { kind: "i", id: data.interaction };
  if (data.actor) return { kind: "a", id: data.actor };
  if (data.pair) return { kind: "p", id: data.pair };
  if (data.sources) return { kind: "s", id: "all" };
  return null;
}

/* The table view and others register graphPage.getView / setView; the network is the
   default when none did. */
function currentViewName() {
  const hook = typeof graphPage === "object" && graphPage && graphPage.getView;
  return hook ? hook() || "network" : "network";
}

function setViewName(name) {
  const hook = typeof graphPage === "object" && graphPage && graphPage.setView;
  if (hook) hook(name);
}

/* The current view, as encodeView takes it. */
function viewState() {
  return viewOf(state, linkIndex(), {
    q: $("search").value.trim(), view: currentViewName(), open: openItem(), embed: embedFromLink,
  });
}

/* Put the controls where the state is. */
function syncControls(q) {
  for (const box of document.querySelectorAll("input[data-group]")) box.checked = state[box.dataset.group].has(box.value);
  $("campaign").value = state.campaign;
  $("aggregate").checked = state.aggregate;
  if ($("search").value.trim() !== q) {  // the same words typed stay as typed, caret and all
    $("search").value = q;
    $("search-note").textContent = "";
  }
  syncDateInputs();
}

/* Show `view` (as decodeView gives it): filters, search text, the open item; say what it
   names that this page does not have. Returns those missing things. Options: `fit` the
   network to what is shown; `keep` {focus, expanded}, the focused actor and the pairs drawn
   apart, which a link does not name (the live preview keeps them); `quiet`, no note. */
function restoreView(view, options) {
  const { fit = false, keep = null, quiet = false } = options || {};
  const found = resolveView(Object.assign(emptyView(), view), linkIndex());
  Object.assign(state, found.filters, { expanded: new Set(), focus: null });
  if (found.open && found.open.kind === "a") state.focus = found.open.id;
  if (keep) {
    if (keep.focus !== null && actors.has(keep.focus)) state.focus = keep.focus;
    for (const pair of keep.expanded) if (byPair.has(pair)) state.expanded.add(pair);
  }
  if (found.embed) setEmbedded(true);
  syncControls(found.q || "");
  stopTimeline();
  apply(() => {
    clearNetworkSelection();
    if (state.focus !== null && isShown("nodes", state.focus)) selectNode(state.focus);
    if (fit) fitAll();
  });
  if (!found.open) closePanel();
  else if (found.open.kind === "i") openInteraction(found.open.id);
  else if (found.open.kind === "a") openActor(found.open.id);
  else if (found.open.kind === "p") openPair(found.open.id);
  else openSources();
  if (found.view !== currentViewName()) setTimeout(() => setViewName(found.view));
  if (!quiet) showLinkNote(missingNote(found.missing));
  updateFullPageLink();
  return found.missing;
}

function setEmbedded(on) {
  embedFromLink = on;
  document.body.classList.toggle("embed", on);
}

/* The first view: the one the address names, else everything (drawn once either way). */
function startView() {
  const view = decodeView(location.hash);
  if (encodeView(view) === "") apply(fitAll);
  else restoreView(view, { fit: true });
}

function pageAddress(hash) {
  return location.href.split("#")[0] + hash;
}

/* Write the current view into the address: a new history entry, or with `replace` the same
   one (while typing or dragging, so that Back skips the intermediate steps). */
function recordView(replace) {
  const hash = encodeView(viewState());
  if (hash === location.hash || (hash === "" && !location.hash)) return;
  history[replace ? "replaceState" : "pushState"](null, "", pageAddress(hash));
  updateFullPageLink();
}

/* The reader's actions, recorded once their handlers have run; typing into the same field
   again within a moment replaces the entry its first keystroke added. */
let recordPending = false;
let recordReplace = true;
let lastTyped = { target: null, at: 0 };

function scheduleRecord(event) {
  // a key let go in the field being typed into belongs to the typing, unless it is Enter
  const keyInField = event.type === "keyup" && event.target === lastTyped.target && event.key !== "Enter";
  const typing = event.type === "input" || keyInField;
  const again = typing && lastTyped.target === event.target && event.timeStamp - lastTyped.at < 1500;
  if (event.type === "input") lastTyped = { target: event.target, at: event.timeStamp };
  else if (!typing) lastTyped = { target: null, at: 0 };
  recordReplace = recordReplace && again;
  if (recordPending) return;
  recordPending = true;
  setTimeout(() => {
    recordPending = false;
    const replace = recordReplace;
    recordReplace = true;
    recordView(replace);
  });
}

function wireLinks() {
  for (const type of ["click", "change", "input", "keyup"]) document.addEventListener(type, scheduleRecord);
  window.addEventListener("popstate", () => restoreView(decodeView(location.hash)));
  const copy = el("button", { id: "copy-link", className: "tool", type: "button", text: "Copy link",
    onclick: copyLink });
  const field = el("input", { id: "link-field", className: "link-field", type: "text", readOnly: true,
    hidden: true });
  field.setAttribute("aria-label", "Link to this view");
  $("share-tools").append(copy, field);
  const header = document.querySelector(".topbar");
  const note = el("p", { id: "share-status", className: "share-status" });
  note.setAttribute("role", "status");
  const linkNote = el("p", { id: "link-note", className: "link-note", hidden: true }, [
    el("span", { id: "link-note-text" }),
    el("button", { className: "close", type: "button", text: "×", onclick: () => showLinkNote("") }),
  ]);
  linkNote.lastChild.setAttribute("aria-label", "Dismiss");
  linkNote.setAttribute("role", "status");
  header.append(note, linkNote);
}

/* Say what a sharing tool did, in the header's status line (announced by screen readers). */
function shareStatus(text) {
  const status = $("share-status");
  status.textContent = "";
  // a fresh text node, so that screen readers announce the same words twice in a row
  requestAnimationFrame(() => { status.textContent = text; });
}

function showLinkNote(text) {
  $("link-note-text").textContent = text;
  $("link-note").hidden = !text;
}

/* Copy the link to the clipboard; where the browser refuses (file:// pages often may not
   write to it), show it selected in a read-only field for the reader to copy. */
function copyLink() {
  recordView(false);
  const link = location.href;
  const field = $("link-field");
  const fallback = () => {
    field.value = link;
    field.hidden = false;
    field.focus();
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (err) {
      copied = false;
    }
    shareStatus(copied ? "Link copied" : "Press Ctrl+C (⌘C) to copy the link");
  };
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    fallback();
    return Promise.resolve(false);
  }
  return navigator.clipboard.writeText(link).then(() => {
    field.hidden = true;
    shareStatus("Link copied");
    return true;
  }, () => {
    fallback();
    return false;
  });
}

/* An embedded page's title opens the full page on the same view. */
function updateFullPageLink() {
  const link = $("full-page");
  if (!link) return;
  const view = Object.assign(viewState(), { embed: false });
  link.href = link.getAttribute("href").split("#")[0] + encodeView(view);
}
