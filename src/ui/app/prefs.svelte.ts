/**
 * Display preferences (theme, terminal layout, lesson language, screen-reader mode). Kept apart from the
 * session: resetting the sandbox must not reset how the page looks.
 */
import * as v from 'valibot';
import { readItem, writeItem, type KeyValueStore } from '../share/storage.ts';
import type { ThemeName } from '../terminal/theme.ts';

export type Layout = 'tabs' | 'split';
export type Lang = 'en' | 'zh';

const PREFS_KEY = 'nsbox:prefs';

const PrefsSchema = v.strictObject({
  app: v.literal('nsbox'),
  v: v.literal(1),
  theme: v.picklist(['light', 'dark']),
  layout: v.picklist(['tabs', 'split']),
  lang: v.picklist(['en', 'zh']),
  screenReader: v.boolean(),
});
type Stored = v.InferOutput<typeof PrefsSchema>;

function systemTheme(): ThemeName {
  return globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function systemLang(): Lang {
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export class Prefs {
  #theme = $state<ThemeName>('dark');
  #layout = $state<Layout>('tabs');
  #lang = $state<Lang>('en');
  #screenReader = $state(false);

  /** `problem` is set when stored preferences existed but could not be used. */
  readonly problem: string | null = null;

  constructor(private readonly store: KeyValueStore | null) {
    const raw = readItem(store, PREFS_KEY);
    this.#theme = systemTheme();
    this.#lang = systemLang();
    if (raw === null) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const r = v.safeParse(PrefsSchema, parsed);
    if (!r.success) {
      this.problem = 'Saved display settings could not be read and were reset.';
      return;
    }
    this.#theme = r.output.theme;
    this.#layout = r.output.layout;
    this.#lang = r.output.lang;
    this.#screenReader = r.output.screenReader;
  }

  get theme(): ThemeName { return this.#theme; }
  set theme(t: ThemeName) { this.#theme = t; this.#save(); }
  get layout(): Layout { return this.#layout; }
  set layout(l: Layout) { this.#layout = l; this.#save(); }
  get lang(): Lang { return this.#lang; }
  set lang(l: Lang) { this.#lang = l; this.#save(); }
  get screenReader(): boolean { return this.#screenReader; }
  set screenReader(on: boolean) { this.#screenReader = on; this.#save(); }

  #save(): void {
    const value: Stored = { app: 'nsbox', v: 1, theme: this.#theme, layout: this.#layout, lang: this.#lang, screenReader: this.#screenReader };
    writeItem(this.store, PREFS_KEY, JSON.stringify(value));
  }
}
