/* The side panel: an interaction's evidence, an actor's card, a pair's interactions, and the
   reader that shows a whole article with the quote marked. */

/* Open the panel on `point` (a canvas position to keep in view) and return its body. Once
   the caller has filled it, the panel is named after its heading and focus moves there (see
   enterPanel); closing it gives focus back to where it was. */
/* A tap on the network opens the panel under the finger; the click the browser sends after
   the touch then lands on whatever the panel put there (its close button, on a phone's
   sheet). A click at the place of the network's last tap, just after it, is that echo. */
const TAP_ECHO_MS = 700;
const TAP_ECHO_PX = 12;
let lastNetworkTap = { x: -1e9, y: -1e9, at: -Infinity };

function noteNetworkTap(event) {
  lastNetworkTap = { x: event.clientX, y: event.clientY, at: performance.now() };
}

function isTapEcho(event) {
  return performance.now() - lastNetworkTap.at < TAP_ECHO_MS
    && Math.hypot(event.clientX - lastNetworkTap.x, event.clientY - lastNetworkTap.y) < TAP_ECHO_PX;
}

function startPanel(point) {
  const body = $("panel-body");
  body.replaceChildren();
  if ($("panel").hidden) {
    rememberFocus("panel");
    $("panel").hidden = false;
    keepScale(point, panelCover);
  }
  $("panel").scrollTop = 0;
  queueMicrotask(enterPanel);
  return body;
}

function closePanel() {
  const wasOpen = !$("panel").hidden;
  const focusInside = $("panel").contains(document.activeElement);
  if (wasOpen) keepScale(null);
  $("panel").hidden = true;
  $("panel-body").replaceChildren();
  if (wasOpen && (focusInside || document.activeElement === document.body)) restoreFocus("panel");
}

/* How much of the network the open panel covers where it lies over it (a sheet on a phone,
   an overlay on a tablet), as the view offset that centres a point in what stays visible. */
function panelCover() {
  const panel = $("panel").getBoundingClientRect();
  const graph = $("mynetwork").getBoundingClientRect();
  const overX = Math.max(0, Math.min(panel.right, graph.right) - Math.max(panel.left, graph.left));
  const overY = Math.max(0, Math.min(panel.bottom, graph.bottom) - Math.max(panel.top, graph.top));
  if (!overX || !overY) return { x: 0, y: 0 };
  return overX >= graph.width - 1 ? { x: 0, y: -overY / 2 } : { x: -overX / 2, y: 0 };
}

function positionOf(ids) {
  const points = ids.filter((id) => isShown("nodes", id)).map(nodePosition);
  if (!points.length) return null;
  return { x: points.reduce((a, p) => a + p.x, 0) / points.length, y: points.reduce((a, p) => a + p.y, 0) / points.length };
}

function chip(type) {
  const t = types.get(type);
  const node = el("span", { className: "chip", text: t.label });
  node.style.background = t.colour;
  node.style.color = t.textColour || (t.textColour = textOn(t.colour));
  return node;
}

function sideDot(side) {
  const dot = el("span", { className: "swatch-dot" });
  dot.style.background = sides.get(side).colour;
  return dot;
}

function actorLink(id) {
  const link = el("button", { className: "link", type: "button", text: actors.get(id).name,
    onclick: () => focusActor(id) });
  link.dataset.key = "panel:a:" + id;  // found again when the panel is drawn again
  return link;
}

function arrow(it) {
  return types.get(it.type).symmetric ? " — " : " → ";
}

function openInteraction(id) {
  const it = byId.get(id);
  const body = startPanel(positionOf([it.source, it.target]));
  body.dataset.interaction = it.id;
  body.append(
    el("p", { className: "kicker" }, [chip(it.type), span(formatDate(it.date))]),
    el("h2", { text: it.summary }),
    el("p", { className: "parties" }, [actorLink(it.source), arrow(it), actorLink(it.target)]),
  );
  if (it.campaign) body.append(el("p", { className: "byline", text: "Campaign: " + campaigns.get(it.campaign).label }));
  if (it.about && byId.has(it.about)) {
    body.append(el("h3", { text: "Reacts to" }), itemList([byId.get(it.about)], false));
  }
  body.append(el("h3", { text: it.evidence.length === 1 ? "Evidence" : "Evidence (" + it.evidence.length + " quotes)" }));
  for (const ev of it.evidence) body.append(evidenceBlock(ev));
  const answers = reactions.get(it.id) || [];
  if (answers.length) body.append(el("h3", { text: "Reactions" }), itemList(byDate(answers), false));
  if (state.aggregate && state.expanded.has(it.pair)) body.append(regroupButton(it));
  selectEdgeOrNothing(shownEdgeOf(it));
}

function regroupButton(it) {
  const regroup = () => { state.expanded.delete(it.pair); apply(); openInteraction(it.id); };
  return el("div", { className: "buttons" }, [el("button", { className: "button", type: "button",
    text: "Group this pair again", onclick: regroup })]);
}

function byline(article) {
  return [article.outlet, formatDate(article.published)].filter(Boolean).join(" · ");
}

function evidenceBlock(ev) {
  const article = articles.get(ev.article);
  const actions = [el("button", { className: "link", type: "button", text: "Read the whole article",
    onclick: () => openReader(ev) })];
  if (article.url && /^https?:\/\//i.test(article.url)) {
    actions.push(el("a", { href: article.url, text: "Source", target: "_blank", rel: "noopener noreferrer" }));
  }
  return el("figure", { className: "evidence" }, [
    el("p", { className: "source" }, [el("span", { className: "title", text: article.title }),
      el("span", { className: "byline", text: byline(article) })]),
    quoteInParagraph(article.text, ev),
    el("div", { className: "actions" }, actions),
  ]);
}

/* The paragraph holding the quote, the quote itself marked. */
function quoteInParagraph(text, ev) {
  const para = el("blockquote", { className: "context" });
  if (ev.start === null) {
    para.append(el("mark", { text: ev.quote }));
    return para;
  }
  const [from, to] = lineAround(text, ev.start, ev.end);
  appendMarked(para, text, from, to, ev.start, ev.end);
  return para;
}

function appendMarked(parent, text, from, to, start, end) {
  const a = Math.min(Math.max(start, from), to);
  const b = Math.min(Math.max(end, a), to);
  if (a > from) parent.append(text.slice(from, a));
  if (b > a) parent.append(el("mark", { text: text.slice(a, b) }));
  if (to > b) parent.append(text.slice(b, to));
}

let reading = null;  // what the reader shows: {ev, text, cited: {id, index} of ev, or null}

function openReader(ev) {
  fillReader(ev, citing(ev));
  rememberFocus("reader");
  $("reader").showModal();
  const mark = $("reader-text").querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

/* Which interaction cites `ev`, as which of its quotes: how new data finds the quote again. */
function citing(ev) {
  const it = interactions.find((item) => item.evidence.includes(ev));
  return it ? { id: it.id, index: it.evidence.indexOf(ev) } : null;
}

function fillReader(ev, cited) {
  const article = articles.get(ev.article);
  $("reader-title").textContent = article.title;
  $("reader-meta").textContent = byline(article);
  const holder = $("reader-text");
  holder.replaceChildren();
  const text = article.text;
  for (const [from, to] of paragraphSpans(text, textStart(text))) {
    const para = el("p");
    if (ev.start === null) para.append(text.slice(from, to));
    else appendMarked(para, text, from, to, ev.start, ev.end);
    holder.append(para);
  }
  reading = { ev: ev, text: text, cited: cited };
}

/* New data (see live.js): an open reader shows its article as it is now, the quote marked
   where the new data finds it (the same quote of the same interaction, even if edited, else
   the same words); one whose article is gone closes. */
function refreshReader() {
  if (!$("reader").open || reading === null) return;
  const { ev, cited } = reading;
  const article = articles.get(ev.article);
  if (!article) {
    $("reader").close();
    return;
  }
  const it = cited && byId.get(cited.id);
  const quote = it ? it.evidence[cited.index] : undefined;
  const now = quote && quote.article === ev.article ? quote : null;
  const moved = now !== null && (now.start !== ev.start || now.end !== ev.end);
  if (moved || article.text !== reading.text || article.title !== $("reader-title").textContent) {
    const scroll = [$("reader").scrollTop, $("reader-text").scrollTop];
    const same = now || (ev.start === null ? null : interactions.flatMap((item) => item.evidence)
      .find((found) => found.article === ev.article && found.quote === ev.quote && found.start !== null));
    fillReader(same || { article: ev.article, start: null, quote: "" }, same ? citing(same) : null);
    [$("reader").scrollTop, $("reader-text").scrollTop] = scroll;
  }
}

function quoteText(ev) {
  return ev.start === null ? ev.quote : articles.get(ev.article).text.slice(ev.start, ev.end);
}

/* Interactions as clickable rows, optionally with their quotes. */
function itemList(list, withQuotes) {
  const ul = el("ul", { className: "items" });
  for (const it of list) {
    const row = el("button", { className: "row", type: "button", onclick: () => openInteraction(it.id) }, [
      el("span", { className: "line1" }, [chip(it.type), span(formatDate(it.date)),
        span(actors.get(it.source).name + arrow(it) + actors.get(it.target).name)]),
      el("span", { className: "summary", text: it.summary }),
    ]);
    row.dataset.interaction = it.id;
    row.dataset.key = "panel:i:" + it.id;  // found again when the panel is drawn again
    const li = el("li", {}, [row]);
    if (withQuotes) for (const ev of it.evidence) li.append(el("p", { className: "quote", text: quoteText(ev) }));
    ul.append(li);
  }
  return ul;
}

function openActor(id) {
  const actor = actors.get(id);
  const body = startPanel(positionOf([id]));
  body.dataset.actor = id;
  body.append(
    el("p", { className: "kicker" }, [sideDot(actor.side), span(sides.get(actor.side).label),
      span("·"), span(kinds.get(actor.kind).label)]),
    el("h2", { text: actor.name }),
  );
  if (actor.role) body.append(el("p", { text: actor.role }));
  const facts = actorFacts(actor);
  if (facts.childElementCount) body.append(facts);
  if (!isShown("nodes", id)) body.append(hiddenNote());
  const list = byDate(byActor.get(id));
  body.append(el("h3", { text: list.length === 1 ? "1 interaction" : list.length + " interactions" }), itemList(list, true));
}

function actorFacts(actor) {
  const facts = el("dl", { className: "facts" });
  const fact = (term, ...values) => facts.append(el("dt", { text: term }), el("dd", {}, values));
  if (actor.aliases.length) fact("Also called", actor.aliases.join(", "));
  if (actor.member_of.length) fact("Member of", ...linkList(actor.member_of));
  const own = (members.get(actor.id) || []).map((a) => a.id);
  if (own.length) fact("Members", ...linkList(own));
  const wikidata = wikidataUrl(actor.wikidata);
  if (wikidata) {
    fact("Wikidata", el("a", { className: "wikidata", href: wikidata, text: actor.wikidata,
      target: "_blank", rel: "noopener noreferrer" }));
  }
  return facts;
}

function linkList(ids) {
  const out = [];
  ids.forEach((other, i) => {
    if (i) out.push(", ");
    out.push(actors.has(other) ? actorLink(other) : other);
  });
  return out;
}

function hiddenNote() {
  const showEverything = () => { const f = state.focus; reset(); if (f) selectActor(f); };
  return el("p", { className: "note" }, ["The current filters hide this actor. ",
    el("button", { className: "link", type: "button", text: "Show everything", onclick: showEverything })]);
}

function openPair(key) {
  const list = byDate(byPair.get(key).filter(isPassing));
  const [a, b] = key.split("|");
  const body = startPanel(positionOf([a, b]));
  body.dataset.pair = key;
  body.append(
    el("p", { className: "kicker", text: list.length + " interactions" }),
    el("h2", {}, [actorLink(a), " and ", actorLink(b)]),
    el("div", { className: "buttons" }, [el("button", { className: "button", type: "button",
      text: "Show them as separate lines", onclick: () => { state.expanded.add(key); apply(); } })]),
    itemList(list, true),
  );
}
