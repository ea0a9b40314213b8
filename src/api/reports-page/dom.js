// Building the page from data without HTML strings: text is always set as text, never parsed.

/** `element('td', {dataset: {figure: 'x'}}, 'text', child)`: attributes, then children (strings or nodes). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.map((child) => (typeof child === 'number' ? String(child) : child)));
  return node;
}

/** The element with `data-figure="<name>"` (a stable hook for the page's figures). */
export function figure(name, root = document) {
  const node = root.querySelector(`[data-figure="${name}"]`);
  if (!node) throw new Error(`The page has no element for the figure ${name}`);
  return node;
}

export function setText(name, text) {
  figure(name).textContent = text;
}
