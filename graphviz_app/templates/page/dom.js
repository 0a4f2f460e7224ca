/* DOM helpers. Every text from the data or the articles goes into the page as text
   (textContent, Text nodes), never parsed as markup. */

function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

function $(id) {
  return document.getElementById(id);
}

/* el("p", {className: "x", text: "..."}, [children]): never sets markup. */
function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "text") node.textContent = value;
    else if (key === "onclick") node.addEventListener("click", value);
    else node[key] = value;
  }
  for (const child of children || []) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function span(text) {
  return el("span", { text: text });
}

/* Replace `parent`'s children with `children`, however many (a spread into replaceChildren
   has a limit on arguments). */
function fillWith(parent, children) {
  const fragment = document.createDocumentFragment();
  for (const child of children) fragment.append(child);
  parent.replaceChildren(fragment);
}

/* The element standing for `key` (its data-key): a row or link drawn again has the same. */
function byKey(key) {
  return [...document.querySelectorAll("[data-key]")].find((node) => node.dataset.key === key);
}
