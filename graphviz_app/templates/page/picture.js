/* Download picture: the current view (what the filters show, the focus dimming the rest) with
   its title and a legend of the types and sides in it, as PNG (the network's own canvas on
   white) or SVG (drawn again from the network's positions, in the look of `graphviz-app
   export --format svg`, more simply). Saved through a link with a blob: address. */

const SVG_NS = "http://www.w3.org/2000/svg";
const PICTURE = { margin: 40, title: 26, small: 15, label: 15, line: 22, swatch: 26, muted: "#52606d" };

function xmlSafe(text) {
  // lone surrogates are replaced too, but a well-formed pair stays as it is
  return String(text).replace(/[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g,
    (ch) => (ch.length === 2 ? ch : "\ufffd"));
}

function pictureTitle() {
  return document.querySelector(".topbar h1").textContent.trim();
}

/* The types and sides the view shows, in the legend's order. */
function pictureLegend() {
  const shownTypes = new Set(lastShown.map((it) => it.type));
  const shownSides = new Set(visibleNodeIds().map((id) => actors.get(id).side));
  return [
    ...DATA.types.filter((t) => shownTypes.has(t.id)).map((t) => ({ kind: "type", label: t.label, colour: t.colour })),
    ...DATA.sides.filter((s) => shownSides.has(s.id)).map((s) => ({ kind: "side", label: s.label, colour: s.colour })),
  ];
}

function visibleNodeIds() {
  return [...shownSignature.nodes].filter(([, item]) => item.shown).map(([id]) => id);
}

function visibleEdgeIds() {
  return [...shownSignature.edges].filter(([, item]) => item.shown).map(([id]) => id);
}

function fileStem() {
  const name = decodeURIComponent(location.pathname.split("/").pop() || "");
  return name.replace(/\.html?$/i, "") || "network";
}

function saveBlob(blob, name) {
  const link = el("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

/* --- PNG ---------------------------------------------------------------------------------- */

function drawLegendRow(ctx, items, x, y, width, scale) {
  ctx.font = PICTURE.small * scale + "px " + VIS.options.nodes.font.face;
  ctx.textBaseline = "middle";
  let left = x;
  let top = y;
  let kind = items.length ? items[0].kind : null;
  for (const item of items) {
    const wide = PICTURE.swatch * scale + 8 * scale + ctx.measureText(item.label).width + 22 * scale;
    const newKind = item.kind !== kind;
    kind = item.kind;
    if ((newKind || left + wide > x + width) && left > x) {
      left = x;
      top += PICTURE.line * scale;
    }
    ctx.fillStyle = item.colour;
    if (item.kind === "type") ctx.fillRect(left, top - 1.5 * scale, PICTURE.swatch * scale, 3 * scale);
    else {
      ctx.beginPath();
      ctx.arc(left + PICTURE.swatch * scale / 2, top, 6 * scale, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = "#1f2933";
    ctx.fillText(item.label, left + PICTURE.swatch * scale + 8 * scale, top);
    left += wide;
  }
  return top - y + PICTURE.line * scale;
}

function pngCanvas() {
  const source = network.canvas.frame.canvas;
  const scale = source.width / Math.max(source.clientWidth, 1);
  const pad = 20 * scale;
  const head = pad + PICTURE.title * scale + 8 * scale + PICTURE.small * scale + pad;
  const legend = pictureLegend();
  const out = document.createElement("canvas");
  const measure = out.getContext("2d");
  // measure the legend's rows on a throw-away pass, then size the canvas to fit it
  out.width = source.width;
  out.height = 10;
  const legendHeight = legend.length ? drawLegendRow(measure, legend, pad, 0, source.width - 2 * pad, scale) + pad : 0;
  out.width = source.width;
  out.height = Math.ceil(head + source.height + legendHeight + pad);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = "#1f2933";
  ctx.textBaseline = "alphabetic";
  ctx.font = "bold " + PICTURE.title * scale + "px " + VIS.options.nodes.font.face;
  // a narrow network (the panel open) gets a smaller title rather than a cut one
  const fit = Math.min(1, (out.width - 2 * pad) / Math.max(ctx.measureText(pictureTitle()).width, 1));
  ctx.font = "bold " + Math.floor(PICTURE.title * scale * fit) + "px " + VIS.options.nodes.font.face;
  ctx.fillText(pictureTitle(), pad, pad + PICTURE.title * scale);
  ctx.fillStyle = PICTURE.muted;
  ctx.font = PICTURE.small * scale + "px " + VIS.options.nodes.font.face;
  ctx.fillText($("counts").textContent, pad, pad + PICTURE.title * scale + 8 * scale + PICTURE.small * scale);
  ctx.drawImage(source, 0, head);
  if (legend.length) drawLegendRow(ctx, legend, pad, head + source.height + pad, source.width - 2 * pad, scale);
  return out;
}

function downloadPng() {
  pngCanvas().toBlob((blob) => saveBlob(blob, fileStem() + ".png"), "image/png");
}

/* --- SVG ---------------------------------------------------------------------------------- */

/* The quadratic Bezier control point of a curvedCW / curvedCCW edge (as picture.py). */
function controlPoint(a, b, smooth) {
  if (!smooth || !smooth.enabled) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const sign = smooth.type === "curvedCW" ? 1 : -1;
  const dx = b.x - a.x;
  const dy = a.y - b.y;  // vis measures angles with y up
  const reach = (0.5 * smooth.roundness + 0.5) * Math.hypot(dx, dy);
  const angle = Math.atan2(dy, dx) + (0.5 * sign * smooth.roundness + 0.5) * Math.PI;
  return { x: a.x + reach * Math.sin(angle), y: a.y + reach * Math.cos(angle) };
}

/* A label in lines of about 20 characters, as the page wraps labels at 160 px. */
function labelLines(text) {
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= 20) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines.length ? lines : [""];
}

function n1(value) {
  return String(Math.round(value * 10) / 10);
}

function svgEl(doc, tag, attrs, text) {
  const node = doc.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = xmlSafe(text);
  return node;
}

function nodeShape(doc, shape, p, size, colour) {
  const style = { fill: colour, stroke: "#1f2933", "stroke-opacity": 0.45, "stroke-width": 1.5 };
  const at = (points) => points.map(([x, y]) => n1(p.x + x) + "," + n1(p.y + y)).join(" ");
  if (shape === "square") return svgEl(doc, "rect", Object.assign({ x: n1(p.x - size), y: n1(p.y - size), width: n1(2 * size), height: n1(2 * size) }, style));
  if (shape === "diamond") return svgEl(doc, "polygon", Object.assign({ points: at([[0, -size], [size, 0], [0, size], [-size, 0]]) }, style));
  if (shape === "triangle") return svgEl(doc, "polygon", Object.assign({ points: at([[0, -size], [size * 0.87, size * 0.5], [-size * 0.87, size * 0.5]]) }, style));
  return svgEl(doc, "circle", Object.assign({ cx: n1(p.x), cy: n1(p.y), r: n1(size) }, style));
}

function edgeColour(item) {
  const colour = item.color;
  return typeof colour === "string" ? colour : (colour && colour.color) || MIXED;
}

function svgDocument() {
  const nodeIds = visibleNodeIds();
  const edgeIds = visibleEdgeIds();
  const at = network.getPositions(nodeIds);
  const near = neighbourhood(lastShown, state.focus);
  const litEdgeIds = litEdges(near);
  const xs = nodeIds.map((id) => at[id].x);
  const ys = nodeIds.map((id) => at[id].y);
  const box = xs.length ? { left: Math.min(...xs) - 100, right: Math.max(...xs) + 100, top: Math.min(...ys) - 60, bottom: Math.max(...ys) + 60 }
    : { left: 0, right: 600, top: 0, bottom: 200 };
  const width = Math.max(box.right - box.left, 600);
  const legend = pictureLegend();
  const columns = Math.max(1, Math.floor(width / 260));
  const headTop = box.top - PICTURE.margin - PICTURE.title - PICTURE.small - 30;
  const legendTop = box.bottom + PICTURE.margin;
  const bottom = legendTop + Math.ceil(legend.length / columns) * PICTURE.line + PICTURE.margin;
  const left = box.left - PICTURE.margin;
  const doc = document.implementation.createDocument(SVG_NS, "svg", null);
  const svg = doc.documentElement;
  const viewWidth = width + 2 * PICTURE.margin;
  const viewHeight = bottom - headTop + PICTURE.margin;
  for (const [key, value] of Object.entries({ version: "1.1", width: n1(viewWidth), height: n1(viewHeight),
    viewBox: [left, headTop - PICTURE.margin, viewWidth, viewHeight].map(n1).join(" "),
    "font-family": VIS.options.nodes.font.face })) svg.setAttribute(key, value);
  svg.append(svgEl(doc, "title", {}, pictureTitle()));
  svg.append(svgEl(doc, "rect", { x: n1(left), y: n1(headTop - PICTURE.margin), width: n1(viewWidth), height: n1(viewHeight), fill: "#ffffff" }));
  svg.append(svgEl(doc, "text", { class: "title", x: n1(left + PICTURE.margin), y: n1(headTop + PICTURE.title), "font-size": PICTURE.title, "font-weight": "bold", fill: "#1f2933" }, pictureTitle()));
  svg.append(svgEl(doc, "text", { class: "subtitle", x: n1(left + PICTURE.margin), y: n1(headTop + PICTURE.title + 12 + PICTURE.small), "font-size": PICTURE.small, fill: PICTURE.muted }, $("counts").textContent));
  const defs = svgEl(doc, "defs");
  const arrowIds = new Map();
  const arrowFor = (colour) => {
    if (!arrowIds.has(colour)) {
      const id = "arrow-" + arrowIds.size;
      arrowIds.set(colour, id);
      const marker = svgEl(doc, "marker", { id: id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto", markerUnits: "userSpaceOnUse" });
      marker.append(svgEl(doc, "path", { d: "M0,0L10,5L0,10z", fill: colour }));
      defs.append(marker);
    }
    return arrowIds.get(colour);
  };
  svg.append(defs);
  const edgeLayer = svgEl(doc, "g", { class: "edges", fill: "none" });
  for (const id of edgeIds) {
    const item = edges.get(id);
    const a = at[item.from];
    const b = at[item.to];
    if (!a || !b) continue;
    const colour = edgeColour(item);
    const via = controlPoint(a, b, item.smooth);
    const attrs = { class: "edge", d: "M" + n1(a.x) + "," + n1(a.y) + "Q" + n1(via.x) + "," + n1(via.y) + " " + n1(b.x) + "," + n1(b.y),
      stroke: colour, "stroke-width": item.width || 1.5,
      opacity: near === null || litEdgeIds.has(id) ? EDGE_OPACITY_SVG : DIM.edgeOpacity };  // the arrow too
    if (item.arrows && item.arrows.to && item.arrows.to.enabled) {
      // stop the line at the target's edge so that the arrow's tip touches it
      const size = allNodes[item.to].size || 10;
      const dx = b.x - via.x;
      const dy = b.y - via.y;
      const length = Math.hypot(dx, dy) || 1;
      const end = { x: b.x - (dx / length) * size, y: b.y - (dy / length) * size };
      attrs.d = "M" + n1(a.x) + "," + n1(a.y) + "Q" + n1(via.x) + "," + n1(via.y) + " " + n1(end.x) + "," + n1(end.y);
      attrs["marker-end"] = "url(#" + arrowFor(colour) + ")";
    }
    edgeLayer.append(svgEl(doc, "path", attrs));
    if (item.label) {
      const middle = { x: 0.25 * a.x + 0.5 * via.x + 0.25 * b.x, y: 0.25 * a.y + 0.5 * via.y + 0.25 * b.y };
      edgeLayer.append(svgEl(doc, "text", { class: "edge-label", x: n1(middle.x), y: n1(middle.y + 4), "text-anchor": "middle", "font-size": 12, fill: "#374151", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" }, item.label));
    }
  }
  svg.append(edgeLayer);
  const nodeLayer = svgEl(doc, "g", { class: "actors" });
  for (const id of nodeIds) {
    const node = allNodes[id];
    const p = at[id];
    const group = svgEl(doc, "g", { class: "actor", opacity: near === null || near.has(id) ? 1 : DIM.opacity });
    group.append(nodeShape(doc, node.shape, p, node.size || 10, typeof node.color === "string" ? node.color : MIXED));
    const label = svgEl(doc, "text", { class: "label", x: n1(p.x), y: n1(p.y + (node.size || 10) + PICTURE.label + 2), "text-anchor": "middle", "font-size": PICTURE.label, fill: "#1f2933", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" });
    labelLines(node.label).forEach((line, i) => label.append(svgEl(doc, "tspan", { x: n1(p.x), dy: i ? 17 : 0 }, line)));
    group.append(label);
    nodeLayer.append(group);
  }
  svg.append(nodeLayer);
  const legendLayer = svgEl(doc, "g", { class: "legend", "font-size": PICTURE.small, fill: "#1f2933" });
  legend.forEach((item, i) => {
    const x = left + PICTURE.margin + (i % columns) * 260;
    const y = legendTop + Math.floor(i / columns) * PICTURE.line;
    if (item.kind === "type") legendLayer.append(svgEl(doc, "rect", { x: n1(x), y: n1(y - 1.5), width: PICTURE.swatch, height: 3, fill: item.colour }));
    else legendLayer.append(svgEl(doc, "circle", { cx: n1(x + PICTURE.swatch / 2), cy: n1(y), r: 6, fill: item.colour }));
    legendLayer.append(svgEl(doc, "text", { class: "legend-" + item.kind, x: n1(x + PICTURE.swatch + 8), y: n1(y + 5) }, item.label));
  });
  svg.append(legendLayer);
  return doc;
}

const EDGE_OPACITY_SVG = VIS.options.edges.color.opacity;

function pictureSvg() {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svgDocument()) + "\n";
}

function downloadSvg() {
  saveBlob(new Blob([pictureSvg()], { type: "image/svg+xml" }), fileStem() + ".svg");
}

function wirePicture() {
  const menu = el("details", { id: "picture-menu", className: "tool-menu" }, [
    el("summary", { className: "tool", text: "Download picture" }),
    el("div", { className: "menu" }, [
      el("button", { id: "picture-png", type: "button", text: "PNG image", onclick: () => { menu.open = false; downloadPng(); } }),
      el("button", { id: "picture-svg", type: "button", text: "SVG drawing", onclick: () => { menu.open = false; downloadSvg(); } }),
    ]),
  ]);
  $("share-tools").append(menu);
}
