// Building the DOM from scripts: one element with its text and attributes.

/** A new element; the text, when given, as its text content (never parsed as HTML). */
export function element(tag, text, attributes = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) {
    e.textContent = text;
  }
  Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
  return e;
}
