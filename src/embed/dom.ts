/**
 * A tiny element builder for the widget's shadow DOM. Text only ever goes in through `textContent`
 * (never innerHTML), so nothing a page or a lesson supplies can become markup.
 */
export interface ElementSpec {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  spec: ElementSpec = {},
  children: Array<Node | string | null | undefined> = [],
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (spec.class) el.className = spec.class;
  if (spec.text !== undefined) el.textContent = spec.text;
  if (spec.attrs) for (const [k, v] of Object.entries(spec.attrs)) el.setAttribute(k, v);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

/** Text with `code` spans in backticks (the lesson format): code becomes <code>, all of it as text. */
export function inlineCode(doc: Document, text: string): Node[] {
  return text.split(/(`[^`\n]+`)/).map((part) =>
    part.length > 2 && part.startsWith('`') && part.endsWith('`') ? h(doc, 'code', { text: part.slice(1, -1) }) : doc.createTextNode(part),
  );
}
