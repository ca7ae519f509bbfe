import type { ProgramImage } from '../../../kernel/program.ts';
import type { Stat } from '../../../kernel/syscalls/SysApi.ts';
import { parseArgs, usageMessage } from '../../lib/cli.ts';
import { echoEscapes } from '../echo/echo.ts';
import { blocks512, fileTypeName, idNames, modeString, type IdNames } from '../../lib/fileinfo.ts';
import { errMsg } from '../../lib/io.ts';
import { quoteaf, shellQuote } from '../../lib/quote.ts';
import { strftime } from '../../lib/strftime.ts';

const DEFAULT = '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n';
const DEVLINE = 'Device: %Hd,%Ld\tInode: %-10i  Links: %h\n';
const DEVLINE_CHR = 'Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n';
const TAIL = 'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const TERSE = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';

const makedev = ([maj, min]: [number, number]) => ((maj & 0xfff) << 8) | (min & 0xff) | ((min & ~0xff) << 12);

/** Expand one stat format for one file (GNU stat's print_stat with printf-style flags, width, precision). */
export function formatStat(fmt: string, name: string, st: Stat, target: string | undefined, names: IdNames): string {
  const time = (ms: number) => strftime('%Y-%m-%d %H:%M:%S.%N %z', ms);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') { out += fmt[i]; continue; }
    const m = /^%([-#0 +']*)(\d*)(?:\.(\d+))?([HL]?)(.)?/.exec(fmt.slice(i))!;
    i += m[0].length - 1;
    const [, flags, width, prec, half, conv] = m;
    if (conv === undefined) { out += m[0]; break; }
    let v: string | number;
    const rdev = st.rdev ?? [0, 0];
    switch (conv) {
      case '%': out += '%'; continue;
      case 'n': v = name; break;
      case 'N': v = shellQuote(name) + (target !== undefined ? ` -> ${shellQuote(target)}` : ''); break;
      case 's': v = st.size; break;
      case 'b': v = blocks512(st); break;
      case 'B': v = 512; break;
      case 'o': v = 4096; break;
      case 'F': v = fileTypeName(st); break;
      case 'a': v = (st.mode & 0o7777).toString(8); if (flags.includes('#')) v = '0' + v; break;
      case 'A': v = modeString(st); break;
      case 'f': v = st.mode.toString(16); break;
      case 'u': v = st.uid; break;
      case 'U': v = names.user(st.uid); break;
      case 'g': v = st.gid; break;
      case 'G': v = names.group(st.gid); break;
      case 'i': v = st.ino; break;
      case 'h': v = st.nlink; break;
      case 'd': v = half === 'H' ? st.dev[0] : half === 'L' ? st.dev[1] : makedev(st.dev); break;
      case 'D': v = makedev(st.dev).toString(16); break;
      case 'r': v = half === 'H' ? rdev[0] : half === 'L' ? rdev[1] : makedev(rdev); break;
      case 'R': v = makedev(rdev).toString(16); break;
      case 't': v = rdev[0].toString(16); break;
      case 'T': v = rdev[1].toString(16); break;
      case 'x': case 'y': case 'z': v = time(st.mtime); break;
      case 'X': case 'Y': case 'Z': v = Math.floor(st.mtime / 1000); break;
      case 'w': v = '-'; break;
      case 'W': v = 0; break;
      case 'm': v = '/'; break;
      default: out += m[0]; continue;
    }
    let s = String(v);
    if (typeof v === 'string' && prec !== undefined) s = s.slice(0, Number(prec));
    const w = Number(width || 0);
    if (flags.includes('-')) s = s.padEnd(w);
    else if (flags.includes('0') && typeof v === 'number' || flags.includes('0') && conv === 'a') s = s.padStart(w, '0');
    else s = s.padStart(w);
    out += s;
  }
  return out;
}

/** stat(1) from coreutils: the default report, -c/--format, --printf, -t, -L. */
export const stat: ProgramImage = {
  vszKb: 7332, rssKb: 2140,
  main: async ({ argv, sys, out, err }) => {
    const r = await parseArgs('stat', argv.slice(1), 'Lc:t', [
      { name: 'dereference', arg: 'none', key: 'L' }, { name: 'format', arg: 'required', key: 'c' },
      { name: 'printf', arg: 'required', key: 'printf' }, { name: 'terse', arg: 'none', key: 't' },
    ], err);
    if (!r) return 1;
    let follow = false, terse = false;
    let format: string | undefined;
    for (const { key, value } of r.options) {
      if (key === 'L') follow = true;
      else if (key === 't') terse = true;
      else if (key === 'c') format = value + '\n';
      else if (key === 'printf') format = echoEscapes(value!).text;
    }
    if (r.operands.length === 0) { await err(usageMessage('stat', 'missing operand')); return 1; }
    const names = await idNames(sys);
    let status = 0;
    for (const f of r.operands) {
      let st: Stat;
      try {
        st = follow ? sys.stat(f) : sys.lstat(f);
      } catch (e) {
        await err(`stat: cannot stat ${quoteaf(f)}: ${errMsg(e)}\n`);
        status = 1;
        continue;
      }
      let target: string | undefined;
      if (st.type === 'symlink') { try { target = sys.readlink(f); } catch { /* raced */ } }
      const fmt = format ?? (terse ? TERSE : DEFAULT + (st.type === 'chr' ? DEVLINE_CHR : DEVLINE) + TAIL);
      await out(formatStat(fmt, f, st, target, names));
    }
    return status;
  },
};
