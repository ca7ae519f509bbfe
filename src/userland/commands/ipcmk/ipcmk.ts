import { isKernelError } from '../../../kernel/errno.ts';
import { IPC_CREAT, type IpcCalls } from '../../../kernel/ipc/calls.ts';
import type { IpcKind } from '../../../kernel/ipc/IpcIds.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { progName, tryHelp, ulGetopt } from '../../lib/utillinux.ts';

const USAGE = `
Usage:
 ipcmk [options]

Create various IPC resources.

Options:
 -M, --shmem <size>       create shared memory segment of size <size>
 -S, --semaphore <number> create semaphore array with <number> elements
 -Q, --queue              create message queue
 -p, --mode <mode>        permission for the resource (default is 0644)

 -h, --help               display this help
 -V, --version            display version

<size> arguments may be followed by the suffixes for
   GiB, TiB, PiB, EiB, ZiB, and YiB (the "iB" is optional)

For more details see ipcmk(1).
`;

const UNITS = 'KMGTPEZY';

/** strtosize(): a number with an optional K/M/G… suffix (KiB, KB = 1000, …). */
function parseSize(text: string): number | null {
  const m = /^(\d+)(?:([KMGTPEZY])(iB|B)?)?$/i.exec(text);
  if (!m) return null;
  const base = m[3]?.toUpperCase() === 'B' ? 1000 : 1024;
  return Number(m[1]) * (m[2] ? base ** (UNITS.indexOf(m[2].toUpperCase()) + 1) : 1);
}

/**
 * ipcmk(1), util-linux 2.38.1: creates a shared memory segment, message queue and/or semaphore set
 * with a random key in the caller's IPC namespace and prints their ids (shm, then queue, then sems).
 */
export const ipcmk: ProgramImage = {
  vszKb: 2836, rssKb: 1024,
  main: async (proc: Proc) => {
    const prog = progName(proc.argv[0]);
    const r = await ulGetopt(proc, prog, 'hM:QS:p:V', [
      { name: 'shmem', arg: 'required', key: 'M' }, { name: 'semaphore', arg: 'required', key: 'S' },
      { name: 'queue', arg: 'none', key: 'Q' }, { name: 'mode', arg: 'required', key: 'p' },
      { name: 'version', arg: 'none', key: 'V' }, { name: 'help', arg: 'none', key: 'h' },
    ]);
    if (!r) return 1;
    const fail = async (msg: string) => { await proc.err(`${prog}: ${msg}\n`); return 1; };
    let shmSize = -1, nsems = -1, queue = false, mode = 0o644;
    for (const o of r.options) {
      const v = o.value ?? '';
      switch (o.key) {
        case 'M': { const n = parseSize(v); if (n === null) return fail(`failed to parse size: '${v}'`); shmSize = n; break; }
        case 'S': { if (!/^-?\d+$/.test(v)) return fail(`failed to parse elements: '${v}'`); nsems = Number(v); break; }
        case 'Q': queue = true; break;
        // err() after strtoul left errno at 0: glibc prints "Success", and so does ipcmk.
        case 'p': { if (!/^[0-7]+$/.test(v)) return fail('failed to parse mode: Success'); mode = parseInt(v, 8); break; }
        case 'h': await proc.out(USAGE); return 0;
        case 'V': await proc.out(`${prog} from util-linux 2.38.1\n`); return 0;
      }
    }
    if (shmSize < 0 && nsems < 0 && !queue) { await proc.err(`${prog}: bad usage\n${tryHelp(prog)}`); return 1; }
    const ipc = await proc.sys.ext<IpcCalls>('ipc');
    const create = async (kind: IpcKind, arg: number, what: string, label: string): Promise<boolean> => {
      // ul_random_get_bytes(&key): a random 32-bit key (IPC_PRIVATE, 0, would also do).
      const key = Math.floor(proc.sys.random() * 0x100000000) | 0;
      try {
        await proc.out(`${label}: ${ipc.get(kind, key, mode | IPC_CREAT, arg)}\n`);
        return true;
      } catch (e) {
        if (!isKernelError(e)) throw e;
        await proc.err(`${prog}: ${what} failed: ${e.message}\n`);
        return false;
      }
    };
    if (shmSize >= 0 && !await create('shm', shmSize, 'create share memory', 'Shared memory id')) return 1;
    if (queue && !await create('msg', 0, 'create message queue', 'Message queue id')) return 1;
    if (nsems >= 0 && !await create('sem', nsems, 'create semaphore', 'Semaphore id')) return 1;
    return 0;
  },
};
