import type { ProgramImage, Proc } from '../../../kernel/program.ts';
import { readImage } from '../../../kernel/loader.ts';
import { PROGRAMS } from '../../../userland/registry.ts';
import { ALIAS, busyboxHas, type OwnApplet } from './busyboxApplets.ts';
import { bbIfconfig } from './bbIfconfig.ts';
import { bbIp } from './bbIp.ts';
import { bbPs } from './bbPs.ts';

const BANNER = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';

/** Applets with BusyBox's own output formats; the others run nsbox's (GNU-flavoured) programs. */
const OWN: Record<OwnApplet, (proc: Proc) => Promise<number>> = {
  ps: bbPs, ip: bbIp, ifconfig: bbIfconfig, wget,
  // ash: our bash with ash's default prompt `\w \$ ` (`/ # ` for root) when PS1 is not inherited.
  sh: (proc) => ash(proc), ash: (proc) => ash(proc),
};


/** BusyBox wget (-q, -O FILE|-, -S) on top of nsbox's curl. */
async function wget(proc: Proc): Promise<number> {
  const args = proc.argv.slice(1);
  let out: string | undefined;
  let quiet = false;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q') quiet = true;
    else if (a === '-O') out = args[++i];
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (/^-[qO]+-?$/.test(a)) { quiet ||= a.includes('q'); if (a.includes('O')) out = a.endsWith('-') ? '-' : args[++i]; }
    else if (!a.startsWith('-')) urls.push(a);
  }
  const curl = PROGRAMS.curl;
  if (!curl || !urls.length) { await proc.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n'); return 1; }
  const file = out ?? (urls[0].replace(/\/$/, '').split('/').pop()?.includes('.') ? urls[0].split('/').pop()! : 'index.html');
  if (!quiet && file !== '-') await proc.err(`Connecting to ${urls[0].replace(/^https?:\/\//, '').split('/')[0]}\n`);
  const code = await (await readImage(curl)).main({ ...proc, argv: ['curl', '-sf', ...(file === '-' ? [] : ['-o', file]), ...urls] });
  if (code !== 0) { await proc.err(`wget: server returned error\n`); return 1; }
  if (!quiet && file !== '-') await proc.err(`saving to '${file}'\n'${file}' saved\n`);
  return 0;
}

async function ash(proc: Proc): Promise<number> {
  if (!proc.env.has('PS1')) proc.env.set('PS1', '\\w \\$ ');
  return (await readImage(PROGRAMS.bash)).main(proc);
}


/**
 * busybox(1): one binary, many names. The applet is argv[0]'s basename (a symlink or hard link
 * named after it), or the first argument of `busybox APPLET ...`.
 */
async function main(proc: Proc): Promise<number> {
  let argv = proc.argv;
  let name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  if (name === 'busybox') {
    if (argv.length < 2 || argv[1] === '--help') {
      await proc.out(`${BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n`);
      return 0;
    }
    if (argv[1] === '--list') {
      const names = [...new Set([...Object.keys(OWN), ...Object.keys(PROGRAMS).filter((n) => busyboxHas(n))])].sort();
      await proc.out(names.map((n) => `${n}\n`).join(''));
      return 0;
    }
    argv = argv.slice(1);
    name = argv[0];
  }
  const own = (OWN as Record<string, ((proc: Proc) => Promise<number>) | undefined>)[name];
  const sub: Proc = { ...proc, argv };
  if (own) return own(sub);
  const prog = PROGRAMS[ALIAS[name] ?? name];
  if (!prog) {
    await proc.err(`${name}: applet not found\n`);
    return 127;
  }
  // The applet's code is part of this binary: read in (page-faulted) on its first use.
  return (await readImage(prog)).main(sub);
}

export const busybox: ProgramImage = { vszKb: 1712, rssKb: 984, main };
