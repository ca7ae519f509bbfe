/**
 * Every program in /usr/bin run as root with random hostile arguments and standard input. Whatever it
 * gets, it ends (or is killed, for the ones that run forever by design) as a process: no JavaScript
 * error text on its output, no unhandled rejection, and the kernel's invariants hold afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SIG } from '../../src/kernel/constants.ts';
import { Sys } from '../../src/kernel/syscalls/Sys.ts';
import { execCapture, type ExecResult } from '../../src/sandbox/exec.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { HOST_PROGRAMS } from '../../src/userland/registry.ts';
import { runConfig, testTimeout } from '../property/config.ts';
import { kernelInvariants } from '../property/kernelInvariants.ts';
import { JS_ERROR } from './terminal.ts';

const escaped: unknown[] = [];
const onError = (e: unknown) => { escaped.push(e); };
beforeAll(() => { process.on('unhandledRejection', onError); process.on('uncaughtException', onError); });
afterAll(() => { process.off('unhandledRejection', onError); process.off('uncaughtException', onError); });

const HOSTILE_ARGS = [
  '-', '--', '-a', '-Z', '-h', '--help', '--version', '--bogus', '--=', '-n', '-1', '-0', '-999999999999', '99999999999999999999',
  '1e308', 'NaN', 'Infinity', '0x', '', ' ', '\0', '\n', '\t', '%s%n%d%', '\\', '\\x', '*', '/', '.', '..', '~', '-e', '-c', '-p', '1', '0',
  '/proc/1/ns/net', '/proc/self/fd/0', '/proc/self/mem', '/dev/full', '/dev/null', '/proc', '/sys/class/net', '/etc/passwd', '/nonexistent/x',
  'a'.repeat(5000), '\ud800', '-n\udc00', '🎉', 'eth0', 'lo', 'add', 'del', 'link', 'netns', 'all', 'show', 'set', 'dev', 'up',
  '0.0.0.0', '::1', '256.1.1.1', '127.0.0.1:99999', '10.0.0.1/33', 'ff:ff', '1/0', '[', ']', '{', '}', '(', '$HOME', '-t', 'type', 'veth',
  '--format', '{{', '{{.Bogus}}', '{{json .}}', 'run', 'exec', 'rm', 'busybox', 'alpine:latest', 'nope:nope', '-it', '-d', 'ps', 'inspect',
];
/** Programs that wait or run by design; killed at the deadline instead of awaited. */
const DEADLINE_MS = 300;

const STDINS = ['', 'hello\nworld\n', '\0\0\0', '\ud800\n\udfff', 'x'.repeat(70_000), 'a b c\n1 2 3\n\n\t\n'];

const argsArb = fc.array(fc.oneof(fc.constantFrom(...HOSTILE_ARGS), fc.string({ maxLength: 12 })), { maxLength: 5 });
const caseArb = fc.record({ prog: fc.constantFrom(...HOST_PROGRAMS), args: argsArb, stdin: fc.constantFrom(...STDINS) });

/** Run one command as root on a fresh host; kill what is still running at the deadline. */
async function runHostile(prog: string, args: string[], stdin: string): Promise<{ res?: ExecResult; errs: string[] }> {
  const sb = bootSandbox();
  const k = sb.host.kernel;
  const before = new Set(k.tasks);
  let res: ExecResult | undefined;
  let err: unknown;
  execCapture(k, [prog, ...args], { stdin }).then((r) => { res = r; }, (e) => { err = e; });
  const deadline = Date.now() + DEADLINE_MS;
  await k.settle(() => res !== undefined || err !== undefined, (loadWaitMs) => Date.now() - loadWaitMs > deadline, 2000);
  const init = new Sys(k, k.initPidNs.tasks.get(1)!);
  if (!res) {
    for (const t of [...k.tasks]) if (!before.has(t) && t.alive) try { init.kill(t.pid.nrIn(k.initPidNs), SIG.SIGKILL); } catch { /* gone */ }
    await k.settle(() => false, () => false, 20);
  }
  const errs = kernelInvariants(k);
  if (err) errs.push(`execCapture failed: ${String(err)}`);
  const text = res ? res.stdout + res.stderr : '';
  if (JS_ERROR.test(text)) errs.push(`JavaScript error text in the output: ${text.slice(Math.max(0, text.search(JS_ERROR) - 100), text.search(JS_ERROR) + 200)}`);
  if (escaped.length) errs.push(`escaped: ${String(escaped[0])}`);
  return { res, errs };
}

const cfg = runConfig({ numRuns: 150, maxOps: 0 });

test('every program survives hostile arguments and input', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async ({ prog, args, stdin }) => {
      const { errs } = await runHostile(prog, args, stdin);
      if (errs.length) throw new Error(`${prog} ${JSON.stringify(args)} <${JSON.stringify(stdin.slice(0, 20))}: ${errs.join('; ')}`);
    }),
    { numRuns: cfg.numRuns, seed: cfg.seed, path: cfg.path, endOnFailure: true },
  );
}, testTimeout(60000));

test('each program at least once with --help, no arguments and a bogus option', async () => {
  const bad: string[] = [];
  for (const prog of HOST_PROGRAMS) {
    for (const args of [['--help'], [], ['--bogus-option', '\ud800']]) {
      const { errs } = await runHostile(prog, args, 'x\n');
      if (errs.length) bad.push(`${prog} ${JSON.stringify(args)}: ${errs.join('; ')}`);
    }
  }
  expect(bad).toEqual([]);
}, testTimeout(60000));
