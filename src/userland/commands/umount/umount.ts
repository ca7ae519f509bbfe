import { MNT_DETACH } from '../../../kernel/constants.ts';
import { isKernelError, type KernelError } from '../../../kernel/errno.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { canonicalize } from '../../lib/canonicalize.ts';
import { readMountinfo, type MountEntry } from '../../lib/mountinfo.ts';
import { progName, tryHelp, ulGetopt } from '../../lib/utillinux.ts';

/**
 * umount(8) from util-linux 2.38: find the mount in the caller's /proc/self/mountinfo (by mount
 * point, else by source), call umount2(2) and report failures in libmount's words
 * (mnt_context_get_umount_excode): `umount: /x: not mounted.`, `target is busy.`, exit status 32.
 */
const MNT_EX_USAGE = 1, MNT_EX_FAIL = 32;
const MNT_FORCE = 1;

const USAGE = `
Usage:
 umount [-hV]
 umount -a [options]
 umount [options] <source> | <directory>

Unmount filesystems.

Options:
 -a, --all               unmount all filesystems
 -A, --all-targets       unmount all mountpoints for the given device in the
                           current namespace
 -c, --no-canonicalize   don't canonicalize paths
 -d, --detach-loop       if mounted loop device, also free this loop device
     --fake              dry run; skip the umount(2) syscall
 -f, --force             force unmount (in case of an unreachable NFS system)
 -i, --internal-only     don't call the umount.<type> helpers
 -n, --no-mtab           don't write to /etc/mtab
 -l, --lazy              detach the filesystem now, clean up things later
 -O, --test-opts <list>  limit the set of filesystems (use with -a)
 -R, --recursive         recursively unmount a target with all its children
 -r, --read-only         in case unmounting fails, try to remount read-only
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done
 -q, --quiet             suppress 'not mounted' error messages
 -N, --namespace <ns>    perform umount in another namespace

 -h, --help              display this help
 -V, --version           display version

For more details see umount(8).
`;

function umountErrorText(e: KernelError): string {
  switch (e.code) {
    case 'EINVAL': return 'not mounted';
    case 'EIO': return "can't write superblock";
    case 'EBUSY': return 'target is busy';
    case 'ENOENT': return 'no mount point specified';
    case 'EPERM': return 'must be superuser to unmount';
    case 'EACCES': return 'block devices are not permitted on filesystem';
  }
  return `umount(2) system call failed: ${e.message}`;
}

export const umount: ProgramImage = {
  vszKb: 7032, rssKb: 3320,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    const r = await ulGetopt(proc, prog, 'aAcdfhilnqRrO:t:vVN:', [
      { name: 'all', arg: 'none', key: 'a' }, { name: 'all-targets', arg: 'none', key: 'A' },
      { name: 'detach-loop', arg: 'none', key: 'd' }, { name: 'fake', arg: 'none', key: 'fake' },
      { name: 'force', arg: 'none', key: 'f' }, { name: 'help', arg: 'none', key: 'h' },
      { name: 'internal-only', arg: 'none', key: 'i' }, { name: 'lazy', arg: 'none', key: 'l' },
      { name: 'no-canonicalize', arg: 'none', key: 'c' }, { name: 'no-mtab', arg: 'none', key: 'n' },
      { name: 'quiet', arg: 'none', key: 'q' }, { name: 'read-only', arg: 'none', key: 'r' },
      { name: 'recursive', arg: 'none', key: 'R' }, { name: 'test-opts', arg: 'required', key: 'O' },
      { name: 'types', arg: 'required', key: 't' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'version', arg: 'none', key: 'V' }, { name: 'namespace', arg: 'required', key: 'N' },
    ]);
    if (!r) return MNT_EX_USAGE;
    let flags = 0, recursive = false, verbose = false, quiet = false, fake = false, canon = true, all = false;
    for (const o of r.options) {
      switch (o.key) {
        case 'l': flags |= MNT_DETACH; break;
        case 'f': flags |= MNT_FORCE; break;
        case 'R': recursive = true; break;
        case 'v': verbose = true; break;
        case 'q': quiet = true; break;
        case 'c': canon = false; break;
        case 'a': all = true; break;
        case 'fake': fake = true; break;
        case 'h': await proc.out(USAGE); return 0;
        case 'V': await proc.out(`${prog} from util-linux 2.38.1 (libmount 2.38.1: selinux, smack, btrfs, verity, namespaces, assert, debug)\n`); return 0;
      }
    }
    if (all) return 0; // umount -a: every remaining mount here is a busy API filesystem; nothing to do quietly.
    if (!r.operands.length) {
      await proc.err(`${prog}: bad usage\n${tryHelp(prog)}`);
      return MNT_EX_USAGE;
    }
    let status = 0;
    for (const arg of r.operands) {
      const rc = await umountOne(proc, prog, arg, { flags, recursive, verbose, quiet, fake, canon });
      if (rc) status = rc;
    }
    return status;
  },
};

interface Opts { flags: number; recursive: boolean; verbose: boolean; quiet: boolean; fake: boolean; canon: boolean }

async function umountOne(proc: Proc, prog: string, arg: string, o: Opts): Promise<number> {
  const { sys } = proc;
  let path = arg, unresolved: KernelError | null = null;
  if (o.canon) {
    try { path = canonicalize(sys, arg, 'existing'); } catch (e) {
      if (!isKernelError(e)) throw e;
      unresolved = e;
    }
  }
  const table = await readMountinfo(sys);
  // lookup_umount_fs(): the topmost mount on that point, else a mount of that source (`umount tmpfs`).
  const byTarget = table.filter((m) => m.target === path).pop();
  const entry = byTarget ?? table.filter((m) => m.source === path || m.source === arg).pop();
  if (!entry && unresolved) {
    await proc.err(`${prog}: ${arg}: ${umountErrorText(unresolved)}.\n`);
    return MNT_EX_FAIL;
  }
  const target = entry?.target ?? path;
  const targets = o.recursive && entry ? descendants(table, entry).map((m) => m.target) : [target];
  for (const t of targets) {
    if (o.fake) continue;
    try {
      sys.umount(t, o.flags);
    } catch (e) {
      if (!isKernelError(e)) throw e;
      if (o.quiet && e.code === 'EINVAL') return MNT_EX_FAIL;
      await proc.err(`${prog}: ${t}: ${umountErrorText(e)}.\n`);
      return MNT_EX_FAIL;
    }
    if (o.verbose) await proc.out(`${prog}: ${t} unmounted\n`);
  }
  return 0;
}

/** umount --recursive: children before their parents, the deepest and newest first. */
function descendants(table: MountEntry[], root: MountEntry): MountEntry[] {
  const out: MountEntry[] = [];
  const walk = (m: MountEntry) => {
    for (const c of table.filter((x) => x.parent === m.id && x.id !== m.id).reverse()) walk(c);
    out.push(m);
  };
  walk(root);
  return out;
}
