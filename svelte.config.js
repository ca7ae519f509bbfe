/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  // Svelte 5 runes everywhere ($state, $props, $effect); no legacy component syntax.
  compilerOptions: { runes: true },
};
