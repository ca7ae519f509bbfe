import type { SysApi } from '../../kernel/syscalls/SysApi.ts';
import { usageMessage } from './cli.ts';
import { baseName, joinName } from './fileinfo.ts';
import { quoteaf } from './quote.ts';

/**
 * How cp, mv and ln read their operands: `SRC DEST`, `SRC... DIR`, `-t DIR SRC...` or `-T SRC DEST`.
 * Returns the (source, destination) pairs, or a diagnostic to print before exiting 1.
 */
export function planTargets(sys: SysApi, prog: string, operands: string[], targetDir: string | undefined,
  noTargetDir: boolean, minOperands = 2, followLast = true): { pairs: Array<[string, string]> } | { error: string } {
  const n = operands.length;
  if (n < (targetDir !== undefined ? 1 : minOperands)) {
    return { error: n === 0 ? usageMessage(prog, 'missing file operand') : usageMessage(prog, `missing destination file operand after ${quoteaf(operands[0])}`) };
  }
  const isDir = (p: string) => { try { return (followLast ? sys.stat(p) : sys.lstat(p)).type === 'dir'; } catch { return false; } };
  if (noTargetDir) {
    if (targetDir !== undefined) return { error: `${prog}: cannot combine --target-directory (-t) and --no-target-directory (-T)\n` };
    if (n > 2) return { error: usageMessage(prog, `extra operand ${quoteaf(operands[2])}`) };
    return { pairs: n === 1 ? [[operands[0], baseName(operands[0])]] : [[operands[0], operands[1]]] };
  }
  let dir = targetDir;
  let sources = operands;
  if (dir === undefined) {
    if (n === 1) return { pairs: [[operands[0], baseName(operands[0])]] };
    if (isDir(operands[n - 1])) { dir = operands[n - 1]; sources = operands.slice(0, -1); }
    else if (n > 2) return { error: `${prog}: target ${quoteaf(operands[n - 1])} is not a directory\n` };
    else return { pairs: [[operands[0], operands[1]]] };
  } else if (!isDir(dir)) {
    let why = 'Not a directory';
    try { sys.stat(dir); } catch (e) { why = (e as Error).message; }
    return { error: `${prog}: target directory ${quoteaf(dir)}: ${why}\n` };
  }
  return { pairs: sources.map((s) => [s, joinName(dir!, baseName(s))]) };
}
