import { diffLines, structuredPatch } from 'diff';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { strftime } from '../../lib/strftime.ts';
import { errMsg } from '../../lib/io.ts';
import { readInput } from '../../lib/input.ts';
import { tryHelp, ulGetopt } from '../../lib/utillinux.ts';

/**
 * diff(1), GNU diffutils 3.10: compares two files line by line and prints the normal format
 * (`2c2`, `< old`, `---`, `> new`), the unified format (-u / -U N) or just whether they differ (-q).
 * Exit status 0 (same), 1 (different), 2 (trouble). The line matching is jsdiff's Myers diff, the
 * algorithm GNU diff also uses; `diff <(cmd on the host) <(docker exec c cmd)` compares two views.
 */
export const diff: ProgramImage = {
  vszKb: 8560, rssKb: 2304,
  main: async (proc: Proc) => {
    const r = await ulGetopt(proc, 'diff', 'quU:', [
      { name: 'brief', arg: 'none', key: 'q' }, { name: 'unified', arg: 'optional', key: 'U' },
    ]);
    if (!r) return 2;
    let brief = false;
    let context: number | null = null;
    for (const o of r.options) {
      if (o.key === 'q') brief = true;
      if (o.key === 'u') context = 3;
      if (o.key === 'U') {
        if (o.value !== undefined && !/^\d+$/.test(o.value)) { await proc.err(`diff: invalid context length '${o.value}'\n${tryHelp('diff')}`); return 2; }
        context = o.value === undefined ? 3 : Number(o.value);
      }
    }
    if (r.operands.length !== 2) {
      await proc.err(`diff: ${r.operands.length < 2 ? `missing operand after '${r.operands.at(-1) ?? 'diff'}'` : `extra operand '${r.operands[2]}'`}\n${tryHelp('diff')}`);
      return 2;
    }
    const [a, b] = r.operands;
    const texts: string[] = [];
    for (const name of [a, b]) {
      try {
        if (name !== '-' && proc.sys.stat(name).type === 'dir') { await proc.err(`diff: ${name}: Is a directory\n`); return 2; }
        texts.push(await readInput(proc.sys, name));
      } catch (e) {
        await proc.err(`diff: ${name}: ${errMsg(e)}\n`);
        return 2;
      }
    }
    const [oldText, newText] = texts;
    if (oldText === newText) return 0;
    if (brief) { await proc.out(`Files ${a} and ${b} differ\n`); return 1; }
    await proc.out(context === null ? normalFormat(oldText, newText) : unifiedFormat(proc, a, b, oldText, newText, context));
    return 1;
  },
};

const NO_NEWLINE = '\\ No newline at end of file\n';

/** Lines of a hunk side, each prefixed, with GNU's marker after a last line that lacks its newline. */
function side(prefix: string, text: string): string {
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  if (complete) lines.pop();
  return lines.map((l, i) => `${prefix}${l}\n${!complete && i === lines.length - 1 ? NO_NEWLINE : ''}`).join('');
}

const range = (from: number, count: number) => (count <= 1 ? String(from + (count === 0 ? -1 : 0)) : `${from},${from + count - 1}`);

/** The normal format: `LaR`, `FcT`, `RdL` commands with `<` and `>` lines. */
function normalFormat(oldText: string, newText: string): string {
  let out = '';
  let line1 = 1, line2 = 1;
  const parts = diffLines(oldText, newText);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) { line1 += p.count; line2 += p.count; continue; }
    const removed = p.removed ? p : null;
    const added = p.removed && parts[i + 1]?.added ? parts[++i] : p.added ? p : null;
    const n1 = removed?.count ?? 0, n2 = added?.count ?? 0;
    if (removed && added) out += `${range(line1, n1)}c${range(line2, n2)}\n${side('< ', removed.value)}---\n${side('> ', added.value)}`;
    else if (removed) out += `${range(line1, n1)}d${line2 - 1}\n${side('< ', removed.value)}`;
    else out += `${line1 - 1}a${range(line2, n2)}\n${side('> ', added!.value)}`;
    line1 += n1;
    line2 += n2;
  }
  return out;
}

/** The unified format: `---`/`+++` headers with modification times, `@@` hunks with context lines. */
function unifiedFormat(proc: Proc, a: string, b: string, oldText: string, newText: string, context: number): string {
  // GNU's header time: the file's mtime with nanoseconds and zone (`2026-11-29 06:49:36.000000000 +0000`).
  const stamp = (name: string) => {
    let ms = proc.sys.time();
    try { if (name !== '-') ms = proc.sys.stat(name).mtime; } catch { /* keep now */ }
    return strftime('%Y-%m-%d %H:%M:%S.%N %z', ms);
  };
  const patch = structuredPatch(a, b, oldText, newText, undefined, undefined, { context });
  let out = `--- ${a}\t${stamp(a)}\n+++ ${b}\t${stamp(b)}\n`;
  for (const h of patch.hunks) {
    const at = (start: number, n: number) => (n === 1 ? `${start}` : `${n === 0 ? start : start},${n}`);
    out += `@@ -${at(h.oldStart, h.oldLines)} +${at(h.newStart, h.newLines)} @@\n`;
    for (const l of h.lines) out += l.startsWith('\\') ? NO_NEWLINE : `${l}\n`;
  }
  return out;
}
