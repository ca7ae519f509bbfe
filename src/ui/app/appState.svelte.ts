/**
 * The page's state, wired together: the machine (worker client), the terminals, the command log that
 * makes a session keepable and shareable, the lessons' progress, preferences and notices.
 *
 * Where a session comes from, in order: a share link in the URL hash, the session saved in
 * localStorage, or a fresh machine. Whatever is found is validated first; anything unusable is
 * dropped with a notice, and the page starts clean instead of breaking.
 */
import { LessonProgress } from '../lessons/progress.svelte.ts';
import { SandboxClient } from '../sandbox/client.svelte.ts';
import { earlySeed } from '../sandbox/worker.ts';
import { CommandLog } from '../share/commandLog.svelte.ts';
import {
  decodeShareHash,
  encodeShareHash,
  newSession,
  parseSessionJson,
  type SessionState,
} from '../share/sessionState.ts';
import { randomSeed } from '../share/seed.ts';
import { browserStorage, readItem, removeItem, writeItem } from '../share/storage.ts';
import { Panes } from '../terminal/panes.svelte.ts';
import { Transcript } from '../terminal/transcript.ts';
import { Notices } from './notices.svelte.ts';
import { Prefs } from './prefs.svelte.ts';
import { testHooksRequested } from '../testHook.ts';

export const SESSION_KEY = 'nsbox:session';

const REASON = {
  corrupt: 'could not be read',
  foreign: 'was written by another version of nsbox',
} as const;

export class AppState {
  readonly store = browserStorage();
  readonly notices = new Notices();
  readonly prefs = new Prefs(this.store);
  readonly transcript = new Transcript();
  readonly log = new CommandLog();
  readonly client: SandboxClient;
  readonly panes: Panes;
  readonly progress: LessonProgress;
  /** The side panel's open tool (the page gives the lens and the map more room). */
  sideTab = $state<'lesson' | 'picker' | 'lens' | 'map'>('lesson');
  /** Bumped (at most every 100 ms) when terminals print, so lesson checks re-run. */
  #outputTick = $state(0);
  #tickTimer: ReturnType<typeof setTimeout> | null = null;
  #seed: number;
  #started = false;
  #firstOutput: () => void = () => undefined;
  /**
   * Resolves once the first terminal output is on screen (the first prompt), when the machine failed
   * to start, or after 3 s regardless: what may run after the prompt waits for it (the page's
   * components, src/ui/mountApp.ts; the lessons), so it never competes with it.
   */
  readonly promptShown: Promise<void>;

  constructor() {
    const initial = this.#initialSession();
    this.#seed = initial.seed;
    this.client = new SandboxClient(initial.seed, testHooksRequested());
    this.promptShown = new Promise<void>((resolve) => {
      // xterm.js parses a write in a timer and draws it in the next animation frame. (Resolving at its
      // arrival ran the lessons' ~50 ms of loading before the prompt was drawn.)
      this.#firstOutput = () => {
        this.#firstOutput = () => undefined;
        setTimeout(() => requestAnimationFrame(() => setTimeout(resolve, 0)), 0);
      };
      void this.client.whenFailed().then(resolve);
      setTimeout(resolve, 3000);
    });
    this.panes = new Panes({
      client: this.client,
      record: (pane, data) => this.log.record(pane.index, data),
      output: (_pane, data) => this.#output(data),
      hasPartialLine: (pane) => this.log.hasPartial(pane.index),
    });
    this.progress = new LessonProgress(this.transcript, this.store);
    for (const problem of [this.prefs.problem, this.progress.problem]) if (problem) this.notices.push('warning', problem);
    this.panes.open();
    void this.#start(initial);
  }

  get outputTick(): number { return this.#outputTick; }
  /** The session has been restored (replayed) and is being kept from now on. */
  get started(): boolean { return this.#started; }

  #initialSession(): SessionState {
    const saved = this.#savedSession();
    const hash = globalThis.location?.hash ?? '';
    const shared = decodeShareHash(hash);
    if (shared) {
      // The link has done its job once read: later reloads restore the (saved) session instead.
      history.replaceState(null, '', location.pathname + location.search);
      if (shared.ok) {
        const n = shared.state.commands.length;
        this.notices.push('info', `Opened a shared session: ${n} command${n === 1 ? '' : 's'} replayed in a fresh machine.`);
        return shared.state;
      }
      this.notices.push('warning', `The shared link ${REASON[shared.reason]} (${shared.detail}), so it was ignored.`);
    }
    // A new session takes the seed the worker was booted with while the page loaded (src/ui/main.ts).
    return saved ?? newSession(earlySeed() ?? randomSeed());
  }

  #savedSession(): SessionState | null {
    const raw = readItem(this.store, SESSION_KEY);
    if (raw === null) return null;
    const r = parseSessionJson(raw);
    if (r.ok) return r.state;
    removeItem(this.store, SESSION_KEY);
    this.notices.push('warning', `Your saved session ${REASON[r.reason]} and was discarded; this is a fresh machine.`);
    return null;
  }

  async #start(initial: SessionState): Promise<void> {
    // The lessons (chunks of their own, parsed and validated by the catalog, itself a chunk) wait until
    // the first prompt is on screen so they never compete with it.
    void this.promptShown.then(async () => (await import('../lessons/catalog.ts')).loadCatalog()).then(({ lessons, problems }) => {
      this.progress.setLessons(lessons);
      for (const p of problems) this.notices.push('warning', `A lesson was left out: ${p}`);
      if (initial.scenario) this.progress.open(initial.scenario.lesson, initial.scenario.step);
    });
    if (initial.commands.length > 0 || initial.panes > 1) {
      await this.panes.replay(initial.panes, initial.commands, initial.closed);
    }
    this.#started = true;
    this.save();
  }

  #output(data: string): void {
    this.#firstOutput();
    this.transcript.append(data);
    this.#tickTimer ??= setTimeout(() => {
      this.#tickTimer = null;
      this.#outputTick++;
    }, 100);
  }

  /** The session as it would be replayed. */
  session(): SessionState {
    const lesson = this.progress.lesson;
    return {
      ...newSession(this.#seed),
      panes: this.panes.opened,
      closed: this.panes.closed,
      commands: this.log.commands.map(([p, k]) => [p, k] as [number, string]),
      ...(lesson ? { scenario: { lesson: lesson.id, step: this.progress.stepIndex } } : {}),
    };
  }

  /** Keeps the session in localStorage (not while a replay is still rebuilding it). */
  save(): void {
    if (!this.#started || this.panes.replaying) return;
    writeItem(this.store, SESSION_KEY, JSON.stringify(this.session()));
  }

  shareUrl(): string {
    return `${location.origin}${location.pathname}${location.search}${encodeShareHash(this.session())}`;
  }

  /** A fresh machine with a new seed: forgets the typed commands (lesson progress is kept). */
  reset(message = 'The sandbox was reset: this is a fresh machine.'): void {
    removeItem(this.store, SESSION_KEY);
    this.log.clear();
    this.transcript.clear();
    this.#seed = randomSeed();
    this.client.restart(this.#seed);
    this.panes.reset();
    this.save();
    this.notices.push('info', message);
  }
}

