import type { ProgramFile } from '../kernel/program.ts';
import { readahead } from '../kernel/loader.ts';
import { bash } from './commands/bash/bash.ts';
// echo is a bash builtin too: it is in memory with the shell anyway.
import { echo } from './commands/echo/echo.ts';
import { falseCmd, trueCmd } from './commands/true/true.ts';

/**
 * Programs whose code is read in when they are first executed (a chunk of their own, see
 * kernel/loader.ts): everything the first prompt does not need, which is all but the login shell.
 * The page reads them in behind the first prompt (readaheadPrograms), so that a pipeline such as
 * `ps aux | grep sleep` typed at once finds grep's code in memory, as it does every later time.
 */
const ON_DISK: Record<string, ProgramFile> = {
  ip: () => import('./commands/ip/ip.ts').then((m) => m.ip),
  ss: () => import('./commands/ss/ss.ts').then((m) => m.ss),
  bridge: () => import('./commands/bridge/bridge.ts').then((m) => m.bridge),
  ping: () => import('./commands/ping/ping.ts').then((m) => m.ping),
  nc: () => import('./commands/nc/nc.ts').then((m) => m.nc),
  curl: () => import('./commands/curl/curl.ts').then((m) => m.curl),
  python3: () => import('./commands/python3/python3.ts').then((m) => m.python3),
  docker: () => import('./commands/docker/docker.ts').then((m) => m.docker),
  sudo: () => import('./commands/sudo/sudo.ts').then((m) => m.sudo),
  cat: () => import('./commands/cat/cat.ts').then((m) => m.cat),
  grep: () => import('./commands/grep/grep.ts').then((m) => m.grep),
  head: () => import('./commands/head/head.ts').then((m) => m.head),
  tail: () => import('./commands/tail/tail.ts').then((m) => m.tail),
  wc: () => import('./commands/wc/wc.ts').then((m) => m.wc),
  sort: () => import('./commands/sort/sort.ts').then((m) => m.sort),
  uniq: () => import('./commands/uniq/uniq.ts').then((m) => m.uniq),
  cut: () => import('./commands/cut/cut.ts').then((m) => m.cut),
  tr: () => import('./commands/tr/tr.ts').then((m) => m.tr),
  tee: () => import('./commands/tee/tee.ts').then((m) => m.tee),
  seq: () => import('./commands/seq/seq.ts').then((m) => m.seq),
  // Also bash's printf builtin's formatter, read in at its first use (shell/builtins/printf.ts).
  printf: () => import('./commands/printf/printf.ts').then((m) => m.printf),
  yes: () => import('./commands/yes/yes.ts').then((m) => m.yes),
  basename: () => import('./commands/basename/basename.ts').then((m) => m.basename),
  dirname: () => import('./commands/dirname/dirname.ts').then((m) => m.dirname),
  nl: () => import('./commands/nl/nl.ts').then((m) => m.nl),
  ps: () => import('./commands/ps/ps.ts').then((m) => m.ps),
  kill: () => import('./commands/kill/kill.ts').then((m) => m.kill),
  sleep: () => import('./commands/sleep/sleep.ts').then((m) => m.sleep),
  unshare: () => import('./commands/unshare/unshare.ts').then((m) => m.unshare),
  nsenter: () => import('./commands/nsenter/nsenter.ts').then((m) => m.nsenter),
  hostname: () => import('./commands/hostname/hostname.ts').then((m) => m.hostname),
  lsns: () => import('./commands/lsns/lsns.ts').then((m) => m.lsns),
  mount: () => import('./commands/mount/mount.ts').then((m) => m.mount),
  umount: () => import('./commands/umount/umount.ts').then((m) => m.umount),
  findmnt: () => import('./commands/findmnt/findmnt.ts').then((m) => m.findmnt),
  df: () => import('./commands/df/df.ts').then((m) => m.df),
  readlink: () => import('./commands/readlink/readlink.ts').then((m) => m.readlink),
  ipcs: () => import('./commands/ipcs/ipcs.ts').then((m) => m.ipcs),
  ipcmk: () => import('./commands/ipcmk/ipcmk.ts').then((m) => m.ipcmk),
  ipcrm: () => import('./commands/ipcrm/ipcrm.ts').then((m) => m.ipcrm),
  diff: () => import('./commands/diff/diff.ts').then((m) => m.diff),
  stty: () => import('./commands/stty/stty.ts').then((m) => m.stty),
  ls: () => import('./commands/ls/ls.ts').then((m) => m.ls),
  cp: () => import('./commands/cp/cp.ts').then((m) => m.cp),
  mv: () => import('./commands/mv/mv.ts').then((m) => m.mv),
  rm: () => import('./commands/rm/rm.ts').then((m) => m.rm),
  mkdir: () => import('./commands/mkdir/mkdir.ts').then((m) => m.mkdir),
  rmdir: () => import('./commands/rmdir/rmdir.ts').then((m) => m.rmdir),
  touch: () => import('./commands/touch/touch.ts').then((m) => m.touch),
  ln: () => import('./commands/ln/ln.ts').then((m) => m.ln),
  chmod: () => import('./commands/chmod/chmod.ts').then((m) => m.chmod),
  stat: () => import('./commands/stat/stat.ts').then((m) => m.stat),
  id: () => import('./commands/id/id.ts').then((m) => m.id),
  whoami: () => import('./commands/whoami/whoami.ts').then((m) => m.whoami),
  groups: () => import('./commands/groups/groups.ts').then((m) => m.groupsCmd),
  uname: () => import('./commands/uname/uname.ts').then((m) => m.uname),
  env: () => import('./commands/env/env.ts').then((m) => m.env),
  pwd: () => import('./commands/pwd/pwd.ts').then((m) => m.pwd),
  clear: () => import('./commands/clear/clear.ts').then((m) => m.clear),
  date: () => import('./commands/date/date.ts').then((m) => m.date),
  which: () => import('./commands/which/which.ts').then((m) => m.which),
  du: () => import('./commands/du/du.ts').then((m) => m.du),
};

const IN_MEMORY: Record<string, ProgramFile> = { bash, sh: bash, echo, true: trueCmd, false: falseCmd };

/** Every program nsbox can install into a root filesystem, by file name (in /usr/bin's order). */
export const PROGRAMS: Record<string, ProgramFile> = Object.fromEntries(
  [
    'ip', 'ss', 'bridge', 'ping', 'nc', 'curl', 'python3', 'docker', 'bash', 'sh', 'sudo', 'cat',
    'echo', 'true', 'false', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'printf',
    'tee', 'seq', 'yes', 'basename', 'dirname', 'nl', 'ps', 'kill', 'sleep', 'unshare', 'nsenter',
    'hostname', 'lsns', 'mount', 'umount', 'findmnt', 'df', 'readlink', 'ipcs', 'ipcmk', 'ipcrm',
    'diff', 'stty', 'ls', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'touch', 'ln', 'chmod', 'stat', 'id',
    'whoami', 'groups', 'uname', 'env', 'pwd', 'clear', 'date', 'which', 'du',
  ].map((name) => [name, IN_MEMORY[name] ?? ON_DISK[name]!]),
);

/** What the host profile has in /usr/bin (Arch ships procps-ng, iproute2, util-linux, coreutils). */
export const HOST_PROGRAMS = Object.keys(PROGRAMS);

/** Read every program's code in, in the background (see ON_DISK). */
export function readaheadPrograms(): Promise<void> {
  return readahead(Object.values(ON_DISK));
}
