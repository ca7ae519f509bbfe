// The page's components, mounted once the first prompt is on screen (src/ui/mountApp.ts). Svelte's
// DOM runtime comes with this chunk, not before the prompt.
import { flushSync, mount } from 'svelte';
import App from './App.svelte';
import type { AppState } from './app/appState.svelte.ts';

export function mountComponents(target: HTMLElement, app: AppState): ReturnType<typeof mount> {
  const component = mount(App, { target, props: { app } });
  // The first pane adopts the open terminal in an effect: run effects now, so that the terminal has
  // left the shell (keeping the keyboard) before the shell is removed.
  flushSync();
  document.getElementById('shell')?.remove();
  return component;
}
