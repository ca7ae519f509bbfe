import { test } from 'vitest';
import { bootSandbox } from '../../src/sandbox/index.ts';
import { execCapture } from '../../src/sandbox/exec.ts';
import { Interpreter } from '../../src/userland/shell/interp/Interpreter.ts';
import { JobTable } from '../../src/userland/shell/jobs.ts';
import { parseScript } from '../../src/userland/shell/parser.ts';
import { ShellState, ShellExit } from '../../src/userland/shell/ShellState.ts';
import { putFile } from '../../src/sandbox/rootfs.ts';
test('shell smoke', async () => {
  const sb = bootSandbox();
  const k = sb.host.kernel;
  k.programs.set('tsh', { main: async (p) => {
    const st = ShellState.fromEnvironment(p.sys, p.env); st.name = 'bash';
    const it = new Interpreter(p.sys, st, new JobTable(), { jobControl: false, parse: parseScript });
    try { return await it.runScript(parseScript(p.argv[2])); } catch (e) { if (e instanceof ShellExit) return e.status; throw e; }
  } });
  const f = putFile((k.initNsProxy.mnt.root.root as any), '/usr/bin/tsh', 'x', 0o755); f.program = 'tsh';
  for (const c of ['echo hi | cat; echo $?', 'x=5; echo "$x ${x:-d} $((x*2))"; nope; echo $?', 'cat /etc/hostname | grep arch', 'for i in a b; do echo $i; done; if true; then echo yes; fi', 'echo $(echo sub) /proc/self/ns/p*', 'cd /tmp && pwd; echo > f; echo /tmp/*', 'f() { echo fn $1; return 3; }; f arg; echo $?', 'echo hi >&2; cat < /etc/hostname', 'exit 7']) {
    const r = await execCapture(k, ['tsh', '-c', c]);
    console.log(JSON.stringify(c), JSON.stringify(r));
  }
});
