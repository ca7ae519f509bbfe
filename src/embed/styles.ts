/**
 * The CSS of a widget before it boots: colours, the "click to start" placeholder and the error box.
 * Adopted by each widget's shadow root as a constructable stylesheet (never a `<style>` element, so a
 * page's `style-src` policy has nothing to refuse). The terminal's own CSS comes with the runtime chunk.
 */
export const BASE_CSS = `
:host {
  display: block;
  margin: 1rem 0;
  contain: content;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: start;
}
:host([hidden]) { display: none; }
.nsbox {
  --bg: #0d1117; --fg: #c9d1d9; --muted: #8b949e; --border: #30363d; --surface: #161b22;
  --accent: #58a6ff; --accent-fg: #0d1117; --danger: #ff7b72; --only: rgba(210, 153, 34, 0.22);
  box-sizing: border-box;
  height: 100%;
  display: flex;
  flex-direction: column;
  border: 1px solid var(--border);
  border-radius: 8px;
  overflow: hidden;
  background: var(--bg);
  color: var(--fg);
}
.nsbox.light {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --surface: #f6f8fa;
  --accent: #0969da; --accent-fg: #ffffff; --danger: #cf222e; --only: rgba(212, 167, 44, 0.28);
}
*, *::before, *::after { box-sizing: border-box; }
button {
  font: inherit;
  color: inherit;
  cursor: pointer;
}
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.placeholder {
  flex: 1;
  display: flex;
  flex-direction: column;
  gap: 0.75rem;
  padding: 0.75rem 1rem;
  min-height: 6rem;
  overflow: hidden;
}
.ph-lines {
  margin: 0;
  font: 13px/1.3 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  white-space: pre-wrap;
  word-break: break-all;
  color: var(--muted);
}
.ph-prompt { color: var(--accent); }
.ph-start {
  align-self: flex-start;
  padding: 0.4rem 0.9rem;
  border: 1px solid var(--accent);
  border-radius: 6px;
  background: var(--accent);
  color: var(--accent-fg);
  font-weight: 600;
}
.ph-note { color: var(--muted); font-size: 0.85em; margin-top: auto; }
.error {
  padding: 0.75rem 1rem;
  border-left: 4px solid var(--danger);
  background: var(--surface);
  overflow-wrap: anywhere;
}
.error strong { color: var(--danger); }
.error ul { margin: 0.4rem 0 0; padding-inline-start: 1.2rem; }
.error code { font-family: ui-monospace, Menlo, Consolas, monospace; }
`;
