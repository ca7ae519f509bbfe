import type { ProgramFile } from '../kernel/program.ts';
import { bash } from './commands/bash/bash.ts';
import { cat } from './commands/cat/cat.ts';
import { sudo } from './commands/sudo/sudo.ts';
import { echo } from './commands/echo/echo.ts';
import { falseCmd, trueCmd } from './commands/true/true.ts';
import { ls } from './commands/ls/ls.ts';
import { cp } from './commands/cp/cp.ts';
import { mv } from './commands/mv/mv.ts';
import { rm } from './commands/rm/rm.ts';
import { mkdir } from './commands/mkdir/mkdir.ts';
import { rmdir } from './commands/rmdir/rmdir.ts';
import { touch } from './commands/touch/touch.ts';
import { ln } from './commands/ln/ln.ts';
import { chmod } from './commands/chmod/chmod.ts';
import { id } from './commands/id/id.ts';
import { whoami } from './commands/whoami/whoami.ts';
import { groupsCmd } from './commands/groups/groups.ts';
import { uname } from './commands/uname/uname.ts';
import { env } from './commands/env/env.ts';
import { pwd } from './commands/pwd/pwd.ts';
import { clear } from './commands/clear/clear.ts';
import { date } from './commands/date/date.ts';
import { which } from './commands/which/which.ts';
import { du } from './commands/du/du.ts';
import { grep } from './commands/grep/grep.ts';
import { head } from './commands/head/head.ts';
import { tail } from './commands/tail/tail.ts';
import { wc } from './commands/wc/wc.ts';
import { sort } from './commands/sort/sort.ts';
import { uniq } from './commands/uniq/uniq.ts';
import { cut } from './commands/cut/cut.ts';
import { tr } from './commands/tr/tr.ts';
import { tee } from './commands/tee/tee.ts';
import { seq } from './commands/seq/seq.ts';
import { yes } from './commands/yes/yes.ts';
import { basename } from './commands/basename/basename.ts';
import { dirname } from './commands/dirname/dirname.ts';
import { nl } from './commands/nl/nl.ts';
import { kill } from './commands/kill/kill.ts';
import { sleep } from './commands/sleep/sleep.ts';
import { readlink } from './commands/readlink/readlink.ts';
// printf's formatter is bash's printf builtin too: it is in memory with the shell anyway.
import { printf } from './commands/printf/printf.ts';

/**
 * Programs whose code is read in when they are first executed (a chunk of their own, see
 * kernel/loader.ts): what the first prompt does not need. The text filters that end pipelines (grep,
 * wc, sort, head…), the file utilities and sleep stay in memory from the start, so that a pipeline
 * such as `ps aux | grep sleep` finds its other members already running the first time, as it does
 * every later time.
 */
const ON_DISK: Record<string, ProgramFile> = {
  stat: () => import('./commands/stat/stat.ts').then((m) => m.stat),
  ps: () => import('./commands/ps/ps.ts').then((m) => m.ps),
  unshare: () => import('./commands/unshare/unshare.ts').then((m) => m.unshare),
  nsenter: () => import('./commands/nsenter/nsenter.ts').then((m) => m.nsenter),
  hostname: () => import('./commands/hostname/hostname.ts').then((m) => m.hostname),
  lsns: () => import('./commands/lsns/lsns.ts').then((m) => m.lsns),
  mount: () => import('./commands/mount/mount.ts').then((m) => m.mount),
  umount: () => import('./commands/umount/umount.ts').then((m) => m.umount),
  findmnt: () => import('./commands/findmnt/findmnt.ts').then((m) => m.findmnt),
  df: () => import('./commands/df/df.ts').then((m) => m.df),
  ip: () => import('./commands/ip/ip.ts').then((m) => m.ip),
  ss: () => import('./commands/ss/ss.ts').then((m) => m.ss),
  bridge: () => import('./commands/bridge/bridge.ts').then((m) => m.bridge),
  ping: () => import('./commands/ping/ping.ts').then((m) => m.ping),
  nc: () => import('./commands/nc/nc.ts').then((m) => m.nc),
  curl: () => import('./commands/curl/curl.ts').then((m) => m.curl),
  python3: () => import('./commands/python3/python3.ts').then((m) => m.python3),
  docker: () => import('./commands/docker/docker.ts').then((m) => m.docker),
  ipcs: () => import('./commands/ipcs/ipcs.ts').then((m) => m.ipcs),
  ipcmk: () => import('./commands/ipcmk/ipcmk.ts').then((m) => m.ipcmk),
  ipcrm: () => import('./commands/ipcrm/ipcrm.ts').then((m) => m.ipcrm),
  diff: () => import('./commands/diff/diff.ts').then((m) => m.diff),
  stty: () => import('./commands/stty/stty.ts').then((m) => m.stty),
};

const { ip, ss, bridge, ping, nc, curl, python3, docker, ps, unshare, nsenter, hostname, lsns, mount, umount, findmnt, df, stat, ipcs, ipcmk, ipcrm, diff, stty } = ON_DISK;

/** Every program nsbox can install into a root filesystem, by file name. */
export const PROGRAMS: Record<string, ProgramFile> = {
  ip, ss, bridge, ping, nc, curl, python3, docker,
  bash, sh: bash, sudo, cat, echo, true: trueCmd, false: falseCmd,
  grep, head, tail, wc, sort, uniq, cut, tr, printf, tee, seq, yes, basename, dirname, nl,
  ps, kill, sleep,
  unshare, nsenter, hostname, lsns, mount, umount, findmnt, df, readlink, ipcs, ipcmk, ipcrm, diff, stty,
  ls, cp, mv, rm, mkdir, rmdir, touch, ln, chmod, stat, id, whoami, groups: groupsCmd, uname, env, pwd, clear, date, which, du,
};

/** What the host profile has in /usr/bin (Arch ships procps-ng, iproute2, util-linux, coreutils). */
export const HOST_PROGRAMS = Object.keys(PROGRAMS);
