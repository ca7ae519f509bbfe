import { compileModule } from 'svelte/compiler';
import { describe, expect, test } from 'vitest';
import { svelteRunesRuntime } from '../../scripts/svelteRunesRuntime.ts';

type Handler<A extends unknown[]> = { handler: (this: { error(msg: string): never }, ...args: A) => unknown };
const plugin = svelteRunesRuntime();
const resolve = (plugin.resolveId as Handler<[string, string | undefined]>).handler;
const transform = (plugin.transform as Handler<[string, string]>).handler;
const ctx = { error(msg: string): never { throw new Error(msg); } };
const compiled = (source: string) => compileModule(source, { filename: 'x.svelte.js', generate: 'client' }).js.code;

describe('svelteRunesRuntime (rune modules import the reactivity core only)', () => {
  test('a state class compiles to functions the small runtime module exports', () => {
    const code = compiled('export class Counter { n = $state(0); raw = $state.raw([]); inc() { this.n++; this.n += 2; return this.n; } }');
    expect(() => transform.call(ctx, code, '/src/ui/counter.svelte.ts')).not.toThrow();
    expect(resolve.call(ctx, 'svelte/internal/client', '/src/ui/counter.svelte.ts')).toBe('\0nsbox:svelte-runes-runtime');
  });

  test('components and other modules keep the whole runtime', () => {
    expect(resolve.call(ctx, 'svelte/internal/client', '/src/ui/App.svelte')).toBeNull();
    expect(resolve.call(ctx, 'svelte', '/src/ui/counter.svelte.ts')).toBeNull();
  });

  test('a rune the small module lacks fails the build by name', () => {
    const code = compiled('export class Doubled { n = $state(1); twice = $derived(this.n * 2); }');
    expect(() => transform.call(ctx, code, '/src/ui/doubled.svelte.ts')).toThrow(/\$\.derived .*scripts\/svelteRunesRuntime\.ts/);
  });

  test('the module it loads re-exports each function from the runtime file that defines it', async () => {
    const load = plugin.load as (id: string) => string | null;
    const text = load('\0nsbox:svelte-runes-runtime')!;
    for (const line of text.split('\n')) {
      const [, names, file] = /^export \{ (.+) \} from "(.+)";$/.exec(line)!;
      const mod = (await import(file!)) as Record<string, unknown>;
      for (const n of names!.split(', ')) expect(typeof mod[n], `${n} in ${file}`).toBe('function');
    }
  });
});
