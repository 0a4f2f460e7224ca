/* The legend and filters as a drawer on small screens (phone.css): opened by the Filters
   button, closed by its close button, the backdrop or Escape; the rest of the page is inert
   while it is open. */

const SMALL_SCREEN = window.matchMedia("(max-width: 699px)");

function isDrawerOpen() {
  return $("filters").classList.contains("open");
}

function setDrawer(open) {
  $("filters").classList.toggle("open", open);
  $("drawer-backdrop").hidden = !open;
  $("drawer-open").setAttribute("aria-expanded", String(open));
  for (const node of [document.querySelector(".topbar"), $("graph"), $("panel")]) node.inert = open;
}

function openDrawer() {
  rememberFocus("drawer");
  setDrawer(true);
  $("drawer-close").focus();
}

function closeDrawer() {
  if (!isDrawerOpen()) return;
  setDrawer(false);
  restoreFocus("drawer");
}

function wireDrawer() {
  $("drawer-open").addEventListener("click", openDrawer);
  $("drawer-close").addEventListener("click", closeDrawer);
  $("drawer-backdrop").addEventListener("click", closeDrawer);
  SMALL_SCREEN.addEventListener("change", () => { if (!SMALL_SCREEN.matches) setDrawer(false); });
}
