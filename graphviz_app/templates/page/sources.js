/* The Sources panel: every article of the data, oldest first, with its outlet, date, link and
   how many interactions it backs; each opens in the reader. */

/* How many interactions cite each article (an interaction quoting it twice counts once). */
function backedCounts() {
  const counts = new Map();
  for (const it of interactions) {
    for (const id of new Set(it.evidence.map((ev) => ev.article))) counts.set(id, (counts.get(id) || 0) + 1);
  }
  return counts;
}

function sourcesInOrder() {
  return [...articles.entries()].sort(([, a], [, b]) => (a.published < b.published ? -1
    : a.published > b.published ? 1 : a.title.localeCompare(b.title)));
}

function openSources() {
  const counts = backedCounts();
  const list = sourcesInOrder();
  const body = startPanel(null);
  body.dataset.sources = "true";
  body.append(el("h2", { text: "Sources" }),
    el("p", { className: "byline", text: list.length === 1 ? "1 article" : list.length + " articles" }));
  const ul = el("ul", { className: "items sources" });
  for (const [id, article] of list) {
    const backs = counts.get(id) || 0;
    const actions = [el("span", { className: "backs",
      text: backs === 1 ? "backs 1 interaction" : "backs " + backs + " interactions" })];
    if (article.url && /^https?:\/\//i.test(article.url)) {
      actions.push(el("a", { href: article.url, text: "Source", target: "_blank", rel: "noopener noreferrer" }));
    }
    const li = el("li", {}, [
      el("button", { className: "row", type: "button", onclick: () => openArticle(id) }, [
        el("span", { className: "summary title", text: article.title }),
        el("span", { className: "line1", text: byline(article) }),
      ]),
      el("p", { className: "source-actions" }, actions),
    ]);
    li.dataset.article = id;
    ul.append(li);
  }
  body.append(ul);
}

/* The whole article in the reader, nothing marked, from its top. */
function openArticle(id) {
  openReader({ article: id, start: null, quote: "" });
  $("reader-text").scrollTop = 0;
  $("reader").scrollTop = 0;
}

function wireSources() {
  $("share-tools").append(el("button", { id: "sources", className: "tool", type: "button", text: "Sources",
    onclick: openSources }));
}
