import type { IpcKind } from '../../../kernel/ipc/IpcIds.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import { groups, passwd } from '../../lib/users.ts';
import { IPC_KINDS, readSysvipc, type IpcRow } from '../../lib/sysvipc.ts';
import { progName, ulGetopt } from '../../lib/utillinux.ts';

const USAGE = `
Usage:
 ipcs [resource-option...] [output-option]
 ipcs -m|-q|-s -i <id>

Show information on IPC facilities.

Options:
 -i, --id <id>  print details on resource identified by <id>
 -h, --help     display this help
 -V, --version  display version

Resource options:
 -m, --shmems      shared memory segments
 -q, --queues      message queues
 -s, --semaphores  semaphores
 -a, --all         all (default)

Output options:
 -t, --time        show attach, detach and change times
 -p, --pid         show PIDs of creator and last operator
 -c, --creator     show creator and owner
 -l, --limits      show resource limits
 -u, --summary     show status summary
     --human       show sizes in human-readable format
 -b, --bytes       show sizes in bytes

For more details see ipcs(1).
`;

const TITLE: Record<IpcKind, string> = { msg: 'Message Queues', shm: 'Shared Memory Segments', sem: 'Semaphore Arrays' };
const CREATORS: Record<IpcKind, string> = { msg: 'Message Queues Creators/Owners', shm: 'Shared Memory Segment Creators/Owners', sem: 'Semaphore Arrays Creators/Owners' };
const ID: Record<IpcKind, string> = { msg: 'msqid', shm: 'shmid', sem: 'semid' };

/**
 * ipcs(1), util-linux 2.38.1: the System V IPC objects of the caller's IPC namespace, read from
 * /proc/sysvipc (so a container with its own IPC namespace sees only its own, and `--ipc=host`
 * sees the host's). The default and `-c` formats are modelled; the other output formats are not.
 */
export const ipcs: ProgramImage = {
  vszKb: 2836, rssKb: 1132,
  main: async (proc: Proc) => {
    const prog = progName(proc.argv[0]);
    const r = await ulGetopt(proc, prog, 'i:qmstaclupbVh', [
      { name: 'id', arg: 'required', key: 'i' }, { name: 'queues', arg: 'none', key: 'q' }, { name: 'shmems', arg: 'none', key: 'm' },
      { name: 'semaphores', arg: 'none', key: 's' }, { name: 'all', arg: 'none', key: 'a' }, { name: 'time', arg: 'none', key: 't' },
      { name: 'pid', arg: 'none', key: 'p' }, { name: 'creator', arg: 'none', key: 'c' }, { name: 'limits', arg: 'none', key: 'l' },
      { name: 'summary', arg: 'none', key: 'u' }, { name: 'human', arg: 'none', key: 'human' }, { name: 'bytes', arg: 'none', key: 'b' },
      { name: 'version', arg: 'none', key: 'V' }, { name: 'help', arg: 'none', key: 'h' },
    ]);
    if (!r) return 1;
    const kinds = new Set<IpcKind>();
    let creators = false;
    for (const o of r.options) {
      switch (o.key) {
        case 'q': kinds.add('msg'); break;
        case 'm': kinds.add('shm'); break;
        case 's': kinds.add('sem'); break;
        case 'a': IPC_KINDS.forEach((k) => kinds.add(k)); break;
        case 'c': creators = true; break;
        case 'b': break; // sizes are already printed in bytes
        case 'h': await proc.out(USAGE); return 0;
        case 'V': await proc.out(`${prog} from util-linux 2.38.1\n`); return 0;
        default:
          await proc.err(`${prog}: the ${o.key.length > 1 ? '--' : '-'}${o.key} output is not modelled in nsbox (try ipcs or ipcs -c)\n`);
          return 1;
      }
    }
    if (r.operands.length) { await proc.err(`${prog}: unexpected argument: '${r.operands[0]}'\n`); return 1; }
    const users = new Map((await passwd(proc.sys)).map((u) => [u.uid, u.name]));
    const grps = new Map((await groups(proc.sys)).map((g) => [g.gid, g.name]));
    const user = (uid: number) => (users.get(uid) ?? String(uid)).padEnd(10);
    const group = (gid: number) => (grps.get(gid) ?? String(gid)).padEnd(10);
    const sections: string[] = [];
    for (const kind of IPC_KINDS) {
      if (kinds.size && !kinds.has(kind)) continue;
      const rows = await readSysvipc(proc.sys, kind);
      if (creators) {
        const head = `------ ${CREATORS[kind]} --------\n${[ID[kind], 'perms', 'cuid', 'cgid', 'uid', 'gid'].map((h) => h.padEnd(10)).join(' ')}\n`;
        // print_perms(): id, mode, then creator and owner names (numbers when unknown).
        sections.push(head + rows.map((x) => `${String(x.id).padEnd(10)} ${x.perms.toString(8).padEnd(10)} ${user(x.cuid)} ${group(x.cgid)} ${user(x.uid)} ${group(x.gid)}\n`).join(''));
        continue;
      }
      sections.push(`------ ${TITLE[kind]} --------\n${HEADER[kind]}\n${rows.map((x) => defaultRow(kind, x, user)).join('')}`);
    }
    await proc.out(`\n${sections.join('\n')}\n`);
    return 0;
  },
};

const HEADER: Record<IpcKind, string> = {
  msg: ['key', 'msqid', 'owner', 'perms'].map((h) => h.padEnd(10)).join(' ') + ' ' + ['used-bytes', 'messages'].map((h) => h.padEnd(12)).join(' '),
  shm: ['key', 'shmid', 'owner', 'perms', 'bytes', 'nattch'].map((h) => h.padEnd(10)).join(' ') + ' ' + 'status'.padEnd(12),
  sem: ['key', 'semid', 'owner', 'perms', 'nsems'].map((h) => h.padEnd(10)).join(' '),
};

function defaultRow(kind: IpcKind, x: IpcRow, user: (uid: number) => string): string {
  const lead = `0x${x.key.toString(16).padStart(8, '0')} ${String(x.id).padEnd(10)} ${user(x.uid)} ${x.perms.toString(8).padEnd(10)} `;
  if (kind === 'msg') return `${lead}${String(x.bytes).padEnd(12)} ${String(x.count).padEnd(12)}\n`;
  if (kind === 'shm') return `${lead}${String(x.bytes).padEnd(10)} ${String(x.count).padEnd(10)} ${' '.padEnd(6)} ${' '.padEnd(6)}\n`;
  return `${lead}${String(x.bytes).padEnd(10)}\n`;
}
