import type { ProgramImage } from '../kernel/program.ts';
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
import { stat } from './commands/stat/stat.ts';
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
import { printf } from './commands/printf/printf.ts';
import { tee } from './commands/tee/tee.ts';
import { seq } from './commands/seq/seq.ts';
import { yes } from './commands/yes/yes.ts';
import { basename } from './commands/basename/basename.ts';
import { dirname } from './commands/dirname/dirname.ts';
import { nl } from './commands/nl/nl.ts';
import { ps } from './commands/ps/ps.ts';
import { kill } from './commands/kill/kill.ts';
import { sleep } from './commands/sleep/sleep.ts';
import { unshare } from './commands/unshare/unshare.ts';
import { nsenter } from './commands/nsenter/nsenter.ts';
import { hostname } from './commands/hostname/hostname.ts';
import { lsns } from './commands/lsns/lsns.ts';
import { mount } from './commands/mount/mount.ts';
import { umount } from './commands/umount/umount.ts';
import { findmnt } from './commands/findmnt/findmnt.ts';
import { df } from './commands/df/df.ts';
import { readlink } from './commands/readlink/readlink.ts';
import { ip } from './commands/ip/ip.ts';
import { ss } from './commands/ss/ss.ts';
import { bridge } from './commands/bridge/bridge.ts';
import { ping } from './commands/ping/ping.ts';
import { nc } from './commands/nc/nc.ts';
import { curl } from './commands/curl/curl.ts';
import { python3 } from './commands/python3/python3.ts';
import { docker } from './commands/docker/docker.ts';
import { ipcmk } from './commands/ipcmk/ipcmk.ts';
import { ipcrm } from './commands/ipcrm/ipcrm.ts';
import { ipcs } from './commands/ipcs/ipcs.ts';

/** Every program nsbox can install into a root filesystem, by file name. */
export const PROGRAMS: Record<string, ProgramImage> = {
  ip, ss, bridge, ping, nc, curl, python3, docker,
  bash, sh: bash, sudo, cat, echo, true: trueCmd, false: falseCmd,
  grep, head, tail, wc, sort, uniq, cut, tr, printf, tee, seq, yes, basename, dirname, nl,
  ps, kill, sleep,
  unshare, nsenter, hostname, lsns, mount, umount, findmnt, df, readlink, ipcs, ipcmk, ipcrm,
  ls, cp, mv, rm, mkdir, rmdir, touch, ln, chmod, stat, id, whoami, groups: groupsCmd, uname, env, pwd, clear, date, which, du,
};

/** What the host profile has in /usr/bin (Arch ships procps-ng, iproute2, util-linux, coreutils). */
export const HOST_PROGRAMS = Object.keys(PROGRAMS);
