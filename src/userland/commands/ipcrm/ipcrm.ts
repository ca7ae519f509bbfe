import { isKernelError } from '../../../kernel/errno.ts';
import type { IpcCalls } from '../../../kernel/ipc/calls.ts';
import type { IpcKind } from '../../../kernel/ipc/IpcIds.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { IPC_KINDS, readSysvipc } from '../../lib/sysvipc.ts';
import { progName, ulGetopt } from '../../lib/utillinux.ts';

const USAGE = `
Usage:
 ipcrm [options]
 ipcrm shm|msg|sem <id>...

Remove certain IPC resources.

Options:
 -m, --shmem-id <id>        remove shared memory segment by id
 -M, --shmem-key <key>      remove shared memory segment by key
 -q, --queue-id <id>        remove message queue by id
 -Q, --queue-key <key>      remove message queue by key
 -s, --semaphore-id <id>    remove semaphore by id
 -S, --semaphore-key <key>  remove semaphore by key
 -a, --all[=shm|msg|sem]    remove all (in the specified category)
 -v, --verbose              explain what is being done

 -h, --help                 display this help
 -V, --version              display version

For more details see ipcrm(1).
`;

const BY_ID: Record<string, IpcKind> = { m: 'shm', q: 'msg', s: 'sem' };
const BY_KEY: Record<string, IpcKind> = { M: 'shm', Q: 'msg', S: 'sem' };
const NAME: Record<IpcKind, string> = { shm: 'shared memory', msg: 'message queue', sem: 'semaphore' };

/**
 * ipcrm(1), util-linux 2.38.1: IPC_RMID on objects of the caller's IPC namespace, by id or key, or
 * all of them. Each failure is reported and makes the exit status 1; the rest still run.
 */
export const ipcrm: ProgramImage = {
  vszKb: 2836, rssKb: 1040,
  main: async (proc: Proc) => {
    const prog = progName(proc.argv[0]);
    const r = await ulGetopt(proc, prog, 'q:m:s:Q:M:S:a::vhV', [
      { name: 'shmem-id', arg: 'required', key: 'm' }, { name: 'shmem-key', arg: 'required', key: 'M' },
      { name: 'queue-id', arg: 'required', key: 'q' }, { name: 'queue-key', arg: 'required', key: 'Q' },
      { name: 'semaphore-id', arg: 'required', key: 's' }, { name: 'semaphore-key', arg: 'required', key: 'S' },
      { name: 'all', arg: 'optional', key: 'a' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'help', arg: 'none', key: 'h' }, { name: 'version', arg: 'none', key: 'V' },
    ]);
    if (!r) return 1;
    const ipc = await proc.sys.ext<IpcCalls>('ipc');
    let verbose = false;
    let errors = 0;
    const warn = async (msg: string) => { errors++; await proc.err(`${prog}: ${msg}\n`); };
    const remove = async (kind: IpcKind, id: number, label: string) => {
      try {
        if (verbose) await proc.err(`removing ${NAME[kind]} id \`${id}'\n`);
        ipc.rmid(kind, id);
      } catch (e) {
        if (!isKernelError(e)) throw e;
        const why = e.code === 'EPERM' || e.code === 'EACCES' ? 'permission denied for id' : e.code === 'EIDRM' ? 'already removed id' : 'invalid id';
        await warn(`${why} (${label})`);
      }
    };
    for (const o of r.options) {
      const v = o.value ?? '';
      if (o.key in BY_ID) {
        if (!/^-?\d+$/.test(v)) { await proc.err(`${prog}: failed to parse argument: '${v}'\n`); return 1; }
        await remove(BY_ID[o.key], Number(v), v);
      } else if (o.key in BY_KEY) {
        const key = /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(v) ? Number(v.startsWith('0') && !/^0x/i.test(v) && v.length > 1 ? parseInt(v, 8) : v) : NaN;
        if (Number.isNaN(key)) { await proc.err(`${prog}: failed to parse argument: '${v}'\n`); return 1; }
        if (key === 0) { await warn(`illegal key (${v})`); continue; }
        const row = (await readSysvipc(proc.sys, BY_KEY[o.key])).find((x) => x.key === key >>> 0);
        if (!row) { await warn(`invalid key (${v})`); continue; }
        await remove(BY_KEY[o.key], row.id, v);
      } else if (o.key === 'a') {
        const which = v ? IPC_KINDS.filter((k) => k === v) : IPC_KINDS;
        if (!which.length) { await proc.err(`${prog}: unknown argument: ${v}\n`); return 1; }
        for (const kind of which) for (const row of await readSysvipc(proc.sys, kind)) await remove(kind, row.id, String(row.id));
      } else if (o.key === 'v') verbose = true;
      else if (o.key === 'h') { await proc.out(USAGE); return 0; }
      else if (o.key === 'V') { await proc.out(`${prog} from util-linux 2.38.1\n`); return 0; }
    }
    // The old form: ipcrm shm|msg|sem ID...
    if (r.operands.length) {
      const kind = ({ shm: 'shm', msg: 'msg', sem: 'sem' } as Record<string, IpcKind>)[r.operands[0]];
      if (!kind) { await proc.err(`${prog}: unknown resource type: ${r.operands[0]}\n`); return 1; }
      for (const v of r.operands.slice(1)) {
        if (!/^-?\d+$/.test(v)) { await proc.err(`${prog}: failed to parse argument: '${v}'\n`); return 1; }
        await remove(kind, Number(v), v);
      }
    }
    return errors ? 1 : 0;
  },
};
