import { MS_BIND, MS_MOVE, MS_RDONLY, MS_REC, MS_REMOUNT } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { realpathOr } from '../../lib/canonicalize.ts';
import { mountOptions, readMountinfo } from '../../lib/mountinfo.ts';
import { progName, tryHelp, ulGetopt } from '../../lib/utillinux.ts';
import { matchFstype, mountErrorText, parseOptions } from './options.ts';
import { MOUNT_USAGE } from './usage.ts';

/**
 * mount(8) from util-linux 2.38 (libmount): without arguments it lists the caller's mount table
 * (/proc/self/mountinfo — so a mount namespace's own mounts, and only those); otherwise it turns
 * `-t`, `-o`, --bind and --make-* into one mount(2) call, as libmount does, and maps the errno to
 * libmount's wording: `mount: TARGET: MESSAGE.` plus the dmesg hint, exit status 32.
 */
const MNT_EX_USAGE = 1, MNT_EX_SYSERR = 2, MNT_EX_FAIL = 32;
/** -r/-w alone do not make a propagation change into a mount. */
const MS_RDONLY_RW_NEUTRAL = MS_RDONLY;

const PROPAGATION_OPTS: Record<string, string> = {
  'make-shared': 'shared', 'make-slave': 'slave', 'make-private': 'private', 'make-unbindable': 'unbindable',
  'make-rshared': 'rshared', 'make-rslave': 'rslave', 'make-rprivate': 'rprivate', 'make-runbindable': 'runbindable',
};

export const mount: ProgramImage = {
  vszKb: 7200, rssKb: 3556,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    const { sys } = proc;
    const r = await ulGetopt(proc, prog, 'aBcfFhilL:m::Mno:O:rRsU:vVwt:T:N:', [
      { name: 'all', arg: 'none', key: 'a' }, { name: 'fake', arg: 'none', key: 'f' }, { name: 'fstab', arg: 'required', key: 'T' },
      { name: 'fork', arg: 'none', key: 'F' }, { name: 'help', arg: 'none', key: 'h' }, { name: 'no-mtab', arg: 'none', key: 'n' },
      { name: 'read-only', arg: 'none', key: 'r' }, { name: 'ro', arg: 'none', key: 'r' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'version', arg: 'none', key: 'V' }, { name: 'read-write', arg: 'none', key: 'w' }, { name: 'rw', arg: 'none', key: 'w' },
      { name: 'options', arg: 'required', key: 'o' }, { name: 'test-opts', arg: 'required', key: 'O' },
      { name: 'types', arg: 'required', key: 't' }, { name: 'uuid', arg: 'required', key: 'U' }, { name: 'label', arg: 'required', key: 'L' },
      { name: 'bind', arg: 'none', key: 'B' }, { name: 'move', arg: 'none', key: 'M' }, { name: 'rbind', arg: 'none', key: 'R' },
      ...Object.keys(PROPAGATION_OPTS).map((name) => ({ name, arg: 'none' as const, key: name })),
      { name: 'mkdir', arg: 'optional', key: 'm' }, { name: 'no-canonicalize', arg: 'none', key: 'c' },
      { name: 'internal-only', arg: 'none', key: 'i' }, { name: 'show-labels', arg: 'none', key: 'l' },
      { name: 'target', arg: 'required', key: 'target' }, { name: 'source', arg: 'required', key: 'source' },
      { name: 'namespace', arg: 'required', key: 'N' },
    ]);
    if (!r) return MNT_EX_USAGE;
    const optList: string[] = [];
    let types: string | undefined, oper = false, propa = false, fake = false, verbose = false, canon = true, all = false;
    let source: string | undefined, target: string | undefined, ns: string | undefined;
    const ops = new Set<string>();
    for (const o of r.options) {
      if (o.key in PROPAGATION_OPTS) { optList.push(PROPAGATION_OPTS[o.key]); propa = true; continue; }
      switch (o.key) {
        case 'a': all = true; break;
        case 'f': fake = true; break;
        case 'v': verbose = true; break;
        case 'c': canon = false; break;
        case 'r': optList.push('ro'); break;
        case 'w': optList.push('rw'); break;
        case 'o': optList.push(o.value!); break;
        case 't': types = o.value; break;
        case 'B': case 'M': case 'R':
          // err_exclusive_options(): --bind, --move and --rbind exclude each other.
          ops.add(o.key);
          if (ops.size > 1) { await proc.err(`${prog}: mutually exclusive arguments: --bind --move --rbind\n`); return MNT_EX_USAGE; }
          oper = true;
          optList.push(o.key === 'B' ? 'bind' : o.key === 'R' ? 'rbind' : 'move');
          break;
        case 'target': target = o.value; break;
        case 'source': source = o.value; break;
        case 'L': source = `LABEL=${o.value}`; break;
        case 'U': source = `UUID=${o.value}`; break;
        case 'N': ns = o.value; break;
        case 'h': await proc.out(MOUNT_USAGE); return 0;
        case 'V':
          await proc.out(`${prog} from util-linux 2.38.1 (libmount 2.38.1: selinux, smack, btrfs, verity, namespaces, assert, debug)\n`);
          return 0;
      }
    }
    const bad = async () => { await proc.err(`${prog}: bad usage\n${tryHelp(prog)}`); return MNT_EX_USAGE; };
    const args = r.operands;
    if (!source && !target && !args.length && !all) {
      if (oper || optList.length) return bad();
      return listMounts(proc, types);
    }
    if (oper && (types || all || source)) return bad();
    if (all) return 0; // mount -a: this host has no /etc/fstab entries that are not mounted already.
    if (ns !== undefined) {
      const path = /^\d+$/.test(ns) ? `/proc/${ns}/ns/mnt` : ns;
      try { sys.setns(sys.open(path, 0), 'mnt'); } catch (e) {
        if (!isKernelError(e)) throw e;
        await proc.err(`${prog}: failed to set target namespace to ${path}: ${e.message}\n`);
        return MNT_EX_SYSERR;
      }
    }
    if (args.length === 1 && (!source || !target)) {
      if (target) source = args[0]; else target = args[0];
    } else if (args.length === 2 && !source && !target) {
      [source, target] = args;
    } else if (args.length) {
      return bad();
    }
    const { flags, propagation, data } = parseOptions(optList);
    const tgt = canon && target ? realpathOr(sys, target) : target!;
    const propaOnly = propagation !== 0 && !source && !(flags & ~MS_RDONLY_RW_NEUTRAL);
    if (!(flags & MS_REMOUNT) && !propaOnly && !source) {
      // mount <dir>: libmount would complete it from /etc/fstab, which lists nothing else here.
      await proc.err(`${prog}: ${tgt}: can't find in /etc/fstab.\n`);
      return MNT_EX_USAGE;
    }
    let src = source ?? 'none';
    let fstype = flags & (MS_BIND | MS_MOVE) ? '' : types ?? '';
    if (flags & MS_REMOUNT) {
      // A remount keeps the mounted filesystem: its source and type come from the mount table.
      const cur = (await readMountinfo(sys)).filter((m) => m.target === tgt).pop();
      if (cur) { src = cur.source; fstype = cur.fstype; }
    } else if (flags & (MS_BIND | MS_MOVE) && canon) {
      src = realpathOr(sys, src);
    } else if (!propaOnly && !fstype) {
      // No -t: libblkid would probe the source, and only a block device can be probed.
      let probed = false;
      try { probed = sys.stat(src).type === 'chr'; } catch { /* reported below */ }
      if (!probed) {
        await proc.err(`${prog}: ${tgt}: special device ${src} does not exist.\n`);
        return MNT_EX_FAIL;
      }
    }
    if (fake) return 0;
    const calls: Array<{ flags: number; src: string; type: string; data: string }> = [];
    if (!propaOnly) {
      const bind = flags & MS_BIND && !(flags & MS_REMOUNT);
      calls.push({ flags: bind ? flags & (MS_BIND | MS_REC) : flags, src, type: fstype, data: data.join(',') });
      // A bind mount takes per-mount flags (ro, nosuid…) only from a following MS_REMOUNT|MS_BIND.
      const extra = flags & ~(MS_BIND | MS_REC);
      if (bind && extra) calls.push({ flags: MS_REMOUNT | MS_BIND | extra, src: 'none', type: '', data: '' });
    }
    // Propagation is changed by a separate mount(2) call (after the mount itself, if any).
    if (propagation) calls.push({ flags: propagation, src: 'none', type: '', data: '' });
    for (const c of calls) {
      try {
        sys.mount(c.src, tgt, c.type, c.flags, c.data || undefined);
      } catch (e) {
        if (!isKernelError(e)) throw e;
        const msg = mountErrorText(sys, e, { flags: c.flags, source: src, target: tgt, fstype });
        await proc.err(`${prog}: ${tgt}: ${msg}.\n       dmesg(1) may have more information after failed mount system call.\n`);
        return MNT_EX_FAIL;
      }
    }
    if (verbose) {
      if (flags & MS_MOVE) await proc.out(`${prog}: ${src} moved to ${tgt}.\n`);
      else if (flags & MS_BIND) await proc.out(`${prog}: ${src} bound on ${tgt}.\n`);
      else if (propa) await proc.out(`${prog}: ${tgt} propagation flags changed.\n`);
      else await proc.out(`${prog}: ${src} mounted on ${tgt}.\n`);
    }
    return 0;
  },
};

/** print_all(): `SOURCE on TARGET type FSTYPE (OPTIONS)`, filtered by -t; autofs mounts are hidden. */
async function listMounts(proc: Proc, types: string | undefined): Promise<number> {
  let entries;
  try { entries = await readMountinfo(proc.sys); } catch (e) {
    if (!isKernelError(e)) throw e;
    await proc.err(`${progName(proc.argv[0])}: failed to read mtab: ${e.message}\n`);
    return MNT_EX_SYSERR;
  }
  let out = '';
  for (const m of entries) {
    if (types && !matchFstype(m.fstype, types)) continue;
    if (m.fstype === 'autofs') continue;
    // safe_fputs(): control characters in the target become '?'.
    out += `${m.source} on ${m.target.replace(/[\x00-\x1f\x7f]/g, '?')} type ${m.fstype} (${mountOptions(m)})\n`;
  }
  await proc.out(out);
  return 0;
}
