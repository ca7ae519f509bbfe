/**
 * xterm.js's DOM renderer writes its theme and cell sizes into `<style>` elements and sets some cell
 * colours with `setAttribute('style', …)`. Under a strict Content-Security-Policy (`style-src 'self'`
 * without 'unsafe-inline') the browser refuses both and reports violations.
 *
 * xterm.js creates all its elements through one document object, which its `documentOverride` option
 * lets us choose. This gives it a view of the real document whose `createElement('style')` returns a
 * stand-in: the CSS xterm.js writes into it goes to a constructable stylesheet adopted by the widget's
 * shadow root (CSSOM, which CSP does not restrict), and `setAttribute('style', …)` on the elements it
 * creates becomes `style.cssText`. Nothing global is patched: only xterm.js sees this object.
 */

const elementSetAttribute = Element.prototype.setAttribute;

/** Own `setAttribute` of the elements given to xterm.js: inline styles through the CSSOM. */
function cssomSetAttribute(this: HTMLElement, name: string, value: string): void {
  if (name.toLowerCase() === 'style') this.style.cssText = value;
  else elementSetAttribute.call(this, name, value);
}

/** A detached-looking element that forwards the text xterm.js writes into it to a stylesheet of `root`. */
function styleStandIn(doc: Document, root: ShadowRoot): HTMLElement {
  const el = doc.createElement('template');
  const sheet = new CSSStyleSheet();
  let css = '';
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  Object.defineProperty(el, 'textContent', {
    get: () => css,
    set: (value: string | null) => {
      css = value ?? '';
      sheet.replaceSync(css);
    },
  });
  const remove = el.remove.bind(el);
  Object.defineProperty(el, 'remove', {
    value: () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      remove();
    },
  });
  return el;
}

/**
 * Runs `open` (xterm.js's `Terminal.open`) with `document.createElement('style')` answered by a
 * stand-in. xterm.js 6 creates its viewport's scrollbar style through the main document whatever
 * `documentOverride` says (`this._document ?? typeof window < "u" ? window.document : null` reads as
 * `(… ?? …) ? window.document : null`). The override is an own property of the document that exists
 * only during this synchronous call: the page never sees it.
 */
export function openWithStyleStandIns(root: ShadowRoot, open: () => void): void {
  const doc = root.ownerDocument;
  const real = doc.createElement;
  // A page may have its own (instrumented) createElement on the document: put back exactly what was there.
  const own = Object.getOwnPropertyDescriptor(doc, 'createElement');
  const patched = function (this: Document, tag: string, options?: ElementCreationOptions): HTMLElement {
    return String(tag).toLowerCase() === 'style' ? styleStandIn(doc, root) : real.call(this, tag, options);
  };
  Object.defineProperty(doc, 'createElement', { value: patched, configurable: true, writable: true });
  try {
    open();
  } finally {
    if (own) Object.defineProperty(doc, 'createElement', own);
    else delete (doc as unknown as Record<string, unknown>).createElement;
  }
}

/** The document xterm.js should use for a terminal inside `root` (pass as `documentOverride`). */
export function cspSafeDocument(root: ShadowRoot): Document {
  const doc = root.ownerDocument;
  const createElement = (tag: string, options?: ElementCreationOptions): HTMLElement => {
    if (String(tag).toLowerCase() === 'style') return styleStandIn(doc, root);
    const el = doc.createElement(tag, options);
    Object.defineProperty(el, 'setAttribute', { value: cssomSetAttribute, configurable: true });
    return el;
  };
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(doc, {
    get(target, prop) {
      if (prop === 'createElement') return createElement;
      // Focus lives inside the shadow root: answer for it, as xterm.js compares with its textarea.
      if (prop === 'activeElement') return root.activeElement ?? target.activeElement;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (!fn) {
        fn = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(prop, fn);
      }
      return fn;
    },
  });
}
