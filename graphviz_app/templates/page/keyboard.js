/* Keyboard and screen readers: where focus goes when the panel, the reader or the drawer
   opens and comes back to when it closes, Escape, and what is announced. */

const openers = new Map();

/* Remember what has focus before `name` opens, by element and by its data-key (a table row
   may be drawn again while the panel is open). With nothing focused (a click on the canvas
   focuses nothing) focus comes back to the view in front: the network or the table. */
function rememberFocus(name) {
  let active = document.activeElement;
  if (!active || active === document.body) active = frontView();
  else if ($("mynetwork").contains(active)) active = $("mynetwork");
  openers.set(name, { element: active, key: active.dataset ? active.dataset.key : undefined });
}

function frontView() {
  if ($("table-view").hidden) return $("mynetwork");
  return $("table-holder").querySelector('tbody tr[tabindex="0"]') || $("view-table");
}

/* Give focus back to what had it before `name` opened, if it is still on screen. */
function restoreFocus(name) {
  const opener = openers.get(name);
  openers.delete(name);
  if (!opener) return;
  let target = opener.element;
  if (!target.isConnected && opener.key) {
    target = byKey(opener.key);
  }
  if (target && target.isConnected && target.getClientRects().length) target.focus({ preventScroll: false });
}

function announce(text) {
  $("announce").textContent = text;
}

/* Name the open panel after its heading and move focus there, unless the reader is typing
   in the search box: then the panel is only announced. A panel drawn again with new data
   (see live.js) is only named: focus stays where it was, and nothing is announced. */
function enterPanel() {
  if ($("panel").hidden) return;
  const heading = $("panel-body").querySelector("h2");
  if (!heading) return;
  heading.id = "panel-title";
  heading.tabIndex = -1;
  $("panel").setAttribute("aria-labelledby", "panel-title");
  if (takingData) return;
  if (document.activeElement === $("search")) announce(heading.textContent);
  else heading.focus({ preventScroll: true });
}

/* The network's one label for screen readers, kept to what it shows. */
function describeNetwork(shownInteractions, shownActors) {
  const n = (x) => x.toLocaleString("en");
  $("mynetwork").setAttribute("aria-label", "Network of " + n(shownActors) + " actors and "
    + n(shownInteractions) + " interactions; use the Table view to browse them with the keyboard");
}

/* Escape closes the topmost of the drawer and the panel (the reader, a modal dialog, closes
   itself) and gives focus back to where it was. */
function onEscape(event) {
  if (event.key !== "Escape" || event.defaultPrevented || $("reader").open) return;
  if (isDrawerOpen()) {
    event.preventDefault();
    closeDrawer();
  } else if (!$("panel").hidden) {
    event.preventDefault();
    if (!$("panel").contains(document.activeElement)) $("panel-close").focus({ preventScroll: true });
    clearSelection();
  }
}

function wireKeyboard() {
  document.addEventListener("keydown", onEscape);
  $("reader").addEventListener("close", () => restoreFocus("reader"));
}
