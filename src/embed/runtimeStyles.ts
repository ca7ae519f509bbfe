/** The CSS of a booted widget (terminal frame, overlays, lens, lesson), loaded with the runtime chunk. */
export const RUNTIME_CSS = `
.bar {
  display: flex;
  align-items: center;
  gap: 0.5rem;
  min-height: 1.9rem;
  padding: 0.15rem 0.35rem 0.15rem 0.75rem;
  border-bottom: 1px solid var(--border);
  background: var(--surface);
  color: var(--muted);
  font-size: 0.8em;
}
.bar .title { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar .state { white-space: nowrap; }
.bar button {
  padding: 0.1rem 0.55rem;
  border: 1px solid var(--border);
  border-radius: 5px;
  background: transparent;
  font-size: inherit;
}
.bar button:hover { border-color: var(--accent); }
.term-wrap {
  position: relative;
  flex: none;
  min-height: 0;
  background: var(--bg);
}
.nsbox.fill .term-wrap { flex: 1; }
.term { width: 100%; height: 100%; padding: 6px 0 4px 8px; }
.nsbox.fill .term { position: absolute; inset: 0; }
.term-wrap:has(.xterm.focus) { outline: 2px solid var(--accent); outline-offset: -2px; }
.overlay {
  position: absolute;
  inset: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  padding: 1rem;
  background: color-mix(in srgb, var(--bg) 82%, transparent);
  z-index: 10;
}
.overlay[hidden] { display: none; }
.overlay .card {
  max-width: 32rem;
  max-height: 100%;
  overflow: auto;
  padding: 0.9rem 1.1rem;
  border: 1px solid var(--border);
  border-radius: 8px;
  background: var(--surface);
}
.overlay .card.failed { border-color: var(--danger); }
.overlay p { margin: 0 0 0.6rem; overflow-wrap: anywhere; }
.overlay button, .step button {
  padding: 0.3rem 0.8rem;
  border: 1px solid var(--accent);
  border-radius: 6px;
  background: var(--accent);
  color: var(--accent-fg);
  font-weight: 600;
}
.lens { border-top: 1px solid var(--border); background: var(--surface); font-size: 0.85em; }
.lens-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; padding: 0.35rem 0.6rem; }
.lens-head .label { color: var(--muted); margin-inline-end: 0.3rem; }
.lens-head button {
  padding: 0.05rem 0.5rem;
  border: 1px solid var(--border);
  border-radius: 999px;
  background: transparent;
  font-family: ui-monospace, Menlo, Consolas, monospace;
  font-size: 0.95em;
}
.lens-head button[aria-pressed="true"] { border-color: var(--accent); color: var(--accent); }
.lens-note { margin: 0; padding: 0 0.6rem 0.35rem; color: var(--muted); }
.lens-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1px; background: var(--border); }
.lens-col { min-width: 0; background: var(--bg); }
.lens-col h3 { margin: 0; padding: 0.25rem 0.6rem; font-size: 0.9em; font-weight: 600; background: var(--surface); overflow-wrap: anywhere; }
.lens-col pre {
  margin: 0;
  padding: 0.35rem 0.6rem;
  max-height: 14rem;
  overflow: auto;
  font: 11.5px/1.35 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
.lens-col .only { background: var(--only); }
.lesson { border-bottom: 1px solid var(--border); background: var(--surface); font-size: 0.9em; }
.lesson summary { padding: 0.45rem 0.75rem; cursor: pointer; font-weight: 600; }
.lesson .body { max-height: 18rem; overflow: auto; padding: 0 0.75rem 0.6rem; }
.lesson .summary-text { margin: 0 0 0.5rem; color: var(--muted); }
.lesson ol { margin: 0; padding-inline-start: 1.3rem; }
.step { margin: 0 0 0.6rem; }
.step h4 { margin: 0 0 0.2rem; font-size: 1em; }
.step.done h4::after { content: " ✓"; color: #3fb950; }
.step p { margin: 0 0 0.35rem; }
.step code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.92em; padding: 0 0.2em; border-radius: 3px; background: var(--bg); }
.step button { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 500; font-size: 0.9em; text-align: start; overflow-wrap: anywhere; }
.step button:disabled { opacity: 0.55; cursor: default; }
.lesson-error { padding: 0.45rem 0.75rem; color: var(--danger); }
`;
