import { O_RDONLY } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import type { NetApi } from '../../../kernel/net/api.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import { Table, scolsTermWidth, type ColumnSpec, type Line } from '../../lib/smartcols.ts';
import { passwd } from '../../lib/users.ts';
import { progName, ulGetopt } from '../../lib/utillinux.ts';
import { parseMountinfo } from '../../lib/mountinfo.ts';
import { collect, commandOf, namespacesOf, NS_TYPES, type LsnsNamespace, type LsnsProcess, type LsnsType } from './collect.ts';
import { LSNS_USAGE } from './usage.ts';

/**
 * lsns(8) from util-linux 2.38: list the namespaces that at least one visible process is in. It is
 * a pure reader of /proc — run in a new pid namespace with its own /proc it sees only that
 * namespace's processes; run as a user, only the namespaces of that user's processes.
 */

/** infos[] of lsns.c: header, width hint, flags, JSON type. */
const COLUMNS: Record<string, ColumnSpec> = {
  NS: { name: 'NS', whint: 10, right: true, json: 'number' },
  TYPE: { name: 'TYPE', whint: 5 },
  PATH: { name: 'PATH' },
  NPROCS: { name: 'NPROCS', whint: 5, right: true, json: 'number' },
  PID: { name: 'PID', whint: 5, right: true, json: 'number' },
  PPID: { name: 'PPID', whint: 5, right: true, json: 'number' },
  COMMAND: { name: 'COMMAND', trunc: true },
  UID: { name: 'UID', right: true, json: 'number' },
  USER: { name: 'USER' },
  NETNSID: { name: 'NETNSID', right: true },
  NSFS: { name: 'NSFS' },
  PNS: { name: 'PNS', whint: 10, right: true, json: 'number' },
  ONS: { name: 'ONS', whint: 10, right: true, json: 'number' },
};

export const lsns: ProgramImage = {
  vszKb: 6636, rssKb: 3040,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    const { sys } = proc;
    // lsns opens its rtnetlink socket (for NETNSID) before it reads anything.
    await sys.extReady('net');
    const errx = async (msg: string) => { await proc.err(`${prog}: ${msg}\n`); return 1; };
    const r = await ulGetopt(proc, prog, 'Jlp:o:nruhVt:T::W', [
      { name: 'json', arg: 'none', key: 'J' }, { name: 'task', arg: 'required', key: 'p' }, { name: 'help', arg: 'none', key: 'h' },
      { name: 'output', arg: 'required', key: 'o' }, { name: 'output-all', arg: 'none', key: 'output-all' },
      { name: 'notruncate', arg: 'none', key: 'u' }, { name: 'version', arg: 'none', key: 'V' },
      { name: 'noheadings', arg: 'none', key: 'n' }, { name: 'nowrap', arg: 'none', key: 'W' }, { name: 'list', arg: 'none', key: 'l' },
      { name: 'raw', arg: 'none', key: 'r' }, { name: 'type', arg: 'required', key: 't' }, { name: 'tree', arg: 'optional', key: 'T' },
    ]);
    if (!r) return 1;
    let json = false, raw = false, list = false, noHeadings = false, noTrunc = false, noWrap = false, tree = '';
    let fltrPid = 0, outarg: string | undefined, outputAll = false;
    const types = new Set<LsnsType>();
    const seen = new Set<string>();
    for (const o of r.options) {
      // err_exclusive_options(): {J,r} and {l,T}.
      seen.add(o.key);
      if (seen.has('J') && seen.has('r')) return errx('mutually exclusive arguments: --json --raw');
      if (seen.has('l') && seen.has('T')) return errx('mutually exclusive arguments: --list --tree');
      switch (o.key) {
        case 'J': json = true; break;
        case 'l': list = true; break;
        case 'o': outarg = o.value; break;
        case 'output-all': outputAll = true; break;
        case 'p':
          if (!/^-?\d+$/.test(o.value!)) return errx(`invalid PID argument: '${o.value}'`);
          fltrPid = Number(o.value);
          break;
        case 'n': noHeadings = true; break;
        case 'r': raw = true; noWrap = true; break;
        case 'u': noTrunc = true; break;
        case 'W': noWrap = true; break;
        case 't':
          if (!(NS_TYPES as readonly string[]).includes(o.value!)) return errx(`unknown namespace type: ${o.value}`);
          types.add(o.value as LsnsType);
          break;
        case 'T': {
          const rel = (o.value ?? 'owner').replace(/^=/, '');
          if (!['parent', 'owner', 'process'].includes(rel)) return errx(`unknown tree type: ${rel}`);
          tree = rel;
          break;
        }
        case 'h': await proc.out(LSNS_USAGE); return 0;
        case 'V': await proc.out(`${prog} from util-linux 2.38.1\n`); return 0;
      }
    }
    const isNet = types.has('net');
    if (types.size === 0) NS_TYPES.forEach((t) => types.add(t));
    let columns: string[] = [];
    let fltrNs = 0;
    if (r.operands.length) {
      if (fltrPid) return errx('--task is mutually exclusive with <namespace>');
      if (!/^\d+$/.test(r.operands[0])) return errx(`invalid namespace argument: '${r.operands[0]}'`);
      fltrNs = Number(r.operands[0]);
      if (!tree && !list) tree = 'process';
      columns = ['PID', 'PPID', 'USER', 'COMMAND'];
    }
    if (outputAll) columns = Object.keys(COLUMNS);
    if (!columns.length) {
      columns = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', ...(isNet ? ['NETNSID', 'NSFS'] : []), 'COMMAND'];
      if (!tree && !list) tree = 'process';
    }
    // The parent/owner relations come from ioctl(NS_GET_PARENT/NS_GET_USERNS), which this kernel lacks.
    if (tree && tree !== 'process') return errx('--tree={parent|owner} is unsupported for your system');
    if (outarg !== undefined) {
      // string_add_to_idarray(): a leading '+' appends to the defaults, otherwise the list replaces them.
      const names = (outarg.startsWith('+') ? outarg.slice(1) : outarg).split(',');
      if (!outarg.startsWith('+')) columns = [];
      for (const n of names) {
        const c = Object.keys(COLUMNS).find((k) => k.toLowerCase() === n.toLowerCase());
        if (!c) return errx(`unknown column: ${n}`);
        columns.push(c);
      }
    }

    const procs = await collect(sys, types);
    const namespaces = namespacesOf(procs);
    const ctx = await context(sys, columns);
    const specs = columns.map((c) => ({ ...COLUMNS[c], trunc: COLUMNS[c].trunc && !noTrunc, tree: tree === 'process' && c === 'COMMAND' }));
    const table = new Table(specs);
    const outline = new Map<LsnsProcess, Line>();
    const addLine = async (ns: LsnsNamespace, p: LsnsProcess) => {
      const parent = tree === 'process' && p.parent ? outline.get(p.parent) ?? null : null;
      const line = table.newLine(parent);
      line.cells = await Promise.all(columns.map((c) => cell(sys, c, ns, p, ctx, noWrap)));
      outline.set(p, line);
    };
    if (fltrNs) {
      const ns = namespaces.find((n) => n.id === fltrNs);
      if (!ns) return errx(`not found namespace: ${fltrNs}`);
      // show_process(): a process's parent in the same namespace is listed before it.
      const show = async (p: LsnsProcess): Promise<void> => {
        if (tree && p.parent && !outline.has(p.parent) && p.parent.nsIds[ns.type] === p.nsIds[ns.type]) await show(p.parent);
        await addLine(ns, p);
      };
      for (const p of ns.processes) if (!outline.has(p)) await show(p);
    } else {
      for (const ns of namespaces) {
        if (fltrPid && !ns.processes.some((p) => p.pid === fltrPid)) continue;
        await addLine(ns, ns.proc);
      }
    }
    await proc.out(table.render({ raw, json, noHeadings, termWidth: scolsTermWidth(sys, proc.env), name: 'namespaces' }));
    return 0;
  },
};

interface Ctx { users: Map<number, string>; mountinfo: Array<{ fstype: string; root: string; target: string }> }

async function context(sys: SysApi, columns: string[]): Promise<Ctx> {
  const users = new Map((await passwd(sys)).map((u) => [u.uid, u.name] as [number, string]));
  let mountinfo: Ctx['mountinfo'] = [];
  if (columns.includes('NSFS')) {
    try { mountinfo = parseMountinfo(await sys.readFile('/proc/self/mountinfo')); } catch { /* none */ }
  }
  return { users, mountinfo };
}

async function cell(sys: SysApi, col: string, ns: LsnsNamespace, p: LsnsProcess, ctx: Ctx, noWrap: boolean): Promise<string | undefined> {
  switch (col) {
    case 'NS': return String(ns.id);
    case 'TYPE': return ns.type;
    case 'PATH': return `/proc/${p.pid}/ns/${ns.type}`;
    case 'NPROCS': return String(ns.nprocs);
    case 'PID': return String(p.pid);
    case 'PPID': return String(p.ppid);
    case 'COMMAND': return commandOf(sys, p.pid);
    case 'UID': return String(p.uid);
    case 'USER': return ctx.users.get(p.uid) ?? String(p.uid);
    // ioctl(NS_GET_PARENT/NS_GET_USERNS) is not part of this kernel's interface: no relation known.
    case 'PNS': case 'ONS': return '0';
    case 'NETNSID': return ns.type === 'net' ? netnsid(sys, p.pid) : undefined;
    case 'NSFS': {
      // nsfs bind mounts (ip netns add) whose root is this namespace.
      const want = `${ns.type}:[${ns.id}]`;
      const paths = [...new Set(ctx.mountinfo.filter((m) => m.fstype === 'nsfs' && m.root === want).map((m) => m.target))];
      return paths.join(noWrap ? ',' : '\n') || undefined;
    }
  }
  return undefined;
}

/**
 * get_netnsid(): RTM_GETNSID over rtnetlink for the process's ns/net fd — the id the reader's own
 * namespace has given that one (peernet2id), or NETNSA_NSID_NOT_ASSIGNED: "unassigned". Without a
 * network stack to ask (netlink socket fails) lsns leaves the cell empty.
 */
function netnsid(sys: SysApi, pid: number): string | undefined {
  let fd: number;
  try { fd = sys.open(`/proc/${pid}/ns/net`, O_RDONLY); } catch { return undefined; }
  try {
    const id = sys.extNow<NetApi>('net').nsidOf({ fd });
    return id >= 0 ? String(id) : 'unassigned';
  } catch (e) {
    if (isKernelError(e)) return undefined;
    throw e;
  } finally {
    sys.close(fd);
  }
}
