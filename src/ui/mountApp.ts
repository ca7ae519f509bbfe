// The app, in the order a learner sees it. The first terminal opens before Svelte builds the page:
// it goes into the page's static shell (index.html, shaped like the app by frame.css), talks to the
// worker that booted while this chunk loaded, and shows its prompt. Only then are the components
// loaded and mounted (~150 ms of main-thread work that used to come before the prompt); the first
// pane's component adopts the open terminal, and the shell is removed in the same task, so the
// page never shows both.
import './app/global.css';
import './app/frame.css';
import { AppState } from './app/appState.svelte.ts';
import { registerClient } from './testHook.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

const app = new AppState();
registerClient(app.client);
// The theme lives on <html> so page chrome and scrollbars follow it (App keeps it so).
document.documentElement.dataset.theme = app.prefs.theme;

const slot = document.getElementById('first-terminal');
const first = app.panes.list[0];
if (slot && first) {
  first.openEarly(slot, app.prefs.theme, app.prefs.screenReader);
  // A learner lands on the page and types: the first terminal has the keyboard, as a terminal
  // application's window does. Not when something else already has the focus, and not on a device
  // without a fine pointer, where focusing would pop up the on-screen keyboard over the page.
  const idle = document.activeElement === null || document.activeElement === document.body;
  if (idle && matchMedia('(pointer: fine)').matches) first.focus();
}

export default app.promptShown
  .then(() => import('./mountComponents.ts'))
  .then(({ mountComponents }) => mountComponents(target, app));
