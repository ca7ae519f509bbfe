import { isKernelError } from '../../../kernel/errno.ts';
import type { Proc, ProgramImage } from '../../../kernel/program.ts';
import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';
import type { NetApi } from '../../../kernel/net/api.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { progName } from '../../lib/utillinux.ts';

/**
 * hostname(1) from Debian's hostname package (the one with `-I`): prints or sets the nodename of the
 * caller's UTS namespace through uname(2)/sethostname(2), so after `unshare --uts` or `nsenter -u` it
 * shows that namespace's name. Names are resolved the way getaddrinfo would through /etc/hosts.
 */
const USAGE = `Usage: hostname [-v] [-b] {hostname|-F file}         set host name (from file)
       hostname [-v] [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname [-v]                                 display host name

       {yp,nis,}domainname [-v] {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname [-v]                      display NIS domain name

       dnsdomainname [-v]                            display dns domain name

       hostname -V|--version|-h|--help               print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

type Kind = 'default' | 'dns' | 'fqdn' | 'short' | 'alias' | 'ip' | 'nis' | 'all-fqdns' | 'all-ips';

class Exit { constructor(readonly status: number) {} }

export const hostname: ProgramImage = {
  vszKb: 5488, rssKb: 1480,
  main: async (proc) => {
    const prog = progName(proc.argv[0]);
    try {
      return await run(proc, prog);
    } catch (e) {
      if (e instanceof Exit) return e.status;
      throw e;
    }
  },
};

async function run(proc: Proc, prog: string): Promise<number> {
  const { sys } = proc;
  const errx = async (msg: string): Promise<never> => { await proc.err(`${prog}: ${msg}\n`); throw new Exit(1); };
  // usage() ends in exit(-1): status 255, also after --help and an unknown option.
  const usage = async (toErr: boolean): Promise<never> => { await (toErr ? proc.err(USAGE) : proc.out(USAGE)); throw new Exit(255); };
  let kind: Kind = prog === 'dnsdomainname' ? 'dns' : prog === 'domainname' || prog === 'nisdomainname' || prog === 'ypdomainname' ? 'nis' : 'default';
  let file: string | undefined, boot = false;
  let r;
  try {
    r = getopt(prog, proc.argv.slice(1), 'aAdfbF:h?iIsVvy', [
      { name: 'domain', arg: 'none', key: 'd' }, { name: 'boot', arg: 'none', key: 'b' }, { name: 'file', arg: 'required', key: 'F' },
      { name: 'fqdn', arg: 'none', key: 'f' }, { name: 'all-fqdns', arg: 'none', key: 'A' }, { name: 'help', arg: 'none', key: 'h' },
      { name: 'long', arg: 'none', key: 'f' }, { name: 'short', arg: 'none', key: 's' }, { name: 'version', arg: 'none', key: 'V' },
      { name: 'verbose', arg: 'none', key: 'v' }, { name: 'alias', arg: 'none', key: 'a' }, { name: 'ip-address', arg: 'none', key: 'i' },
      { name: 'all-ip-addresses', arg: 'none', key: 'I' }, { name: 'nis', arg: 'none', key: 'y' }, { name: 'yp', arg: 'none', key: 'y' },
    ]);
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    await proc.err(`${e.message}\n`);
    return usage(false);
  }
  const kinds: Record<string, Kind> = { d: 'dns', a: 'alias', f: 'fqdn', A: 'all-fqdns', i: 'ip', I: 'all-ips', s: 'short', y: 'nis' };
  for (const o of r.options) {
    if (o.key in kinds) kind = kinds[o.key];
    else if (o.key === 'b') boot = true;
    else if (o.key === 'F') file = o.value;
    else if (o.key === 'V') { await proc.out('hostname 3.23\n'); return 0; }
    else if (o.key === 'h' || o.key === '?') return usage(false);
  }
  let name: string | undefined;
  if (file !== undefined) {
    name = await readName(sys, file, boot, errx);
    if (boot && !name) {
      const cur = sys.uname().nodename;
      name = cur === '' || cur === '(none)' ? 'localhost' : cur;
    }
  }
  const operands = [...r.operands];
  if (operands.length) {
    if (name !== undefined) return usage(true);
    name = operands.shift();
  }
  if (operands.length) return usage(true);
  if (name !== undefined) {
    await setName(sys, kind, name, errx, usage);
    return 0;
  }
  await proc.out(await showName(sys, kind, errx));
  return 0;
}

/** check_name(): RFC 1035 2.3.1 — alphanumerics, inner hyphens and single dots. */
function validName(n: string): boolean {
  if (!/^[A-Za-z0-9]/.test(n) || !/[A-Za-z0-9]$/.test(n)) return false;
  return /^[A-Za-z0-9.-]+$/.test(n) && !/-\.|\.-|\.\./.test(n);
}

async function setName(sys: SysApi, kind: Kind, raw: string, errx: (m: string) => Promise<never>, usage: (e: boolean) => Promise<never>): Promise<void> {
  if (kind === 'default') {
    const name = raw.trim();
    if (!validName(name)) await errx('the specified hostname is invalid');
    try { sys.sethostname(name); } catch (e) {
      if (isKernelError(e, 'EPERM')) await errx('you must be root to change the host name');
      else if (isKernelError(e, 'EINVAL')) await errx('name too long');
      else throw e;
    }
    return;
  }
  if (kind === 'nis') {
    try { sys.setdomainname(raw); } catch (e) {
      if (isKernelError(e, 'EPERM')) await errx('you must be root to change the domain name');
      else if (isKernelError(e, 'EINVAL')) await errx('name too long');
      else throw e;
    }
    return;
  }
  await usage(true);
}

/** read_file(): the first line that is neither empty nor a comment. */
async function readName(sys: SysApi, path: string, boot: boolean, errx: (m: string) => Promise<never>): Promise<string | undefined> {
  let text: string;
  try { text = await sys.readFile(path); } catch (e) {
    if (!isKernelError(e)) throw e;
    if (boot) return undefined;
    return errx(e.message);
  }
  return text.split('\n').find((l) => l !== '' && !l.startsWith('#')) ?? '';
}

/** getaddrinfo(name, AI_CANONNAME) through /etc/hosts: the canonical name, its aliases and addresses. */
async function resolve(sys: SysApi, name: string): Promise<{ canon: string; aliases: string[]; addrs: string[] }> {
  let hosts = '';
  try { hosts = await sys.readFile('/etc/hosts'); } catch { /* no hosts file */ }
  let hit: { canon: string; aliases: string[]; addrs: string[] } | undefined;
  for (const line of hosts.split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (f.length < 2 || !f.slice(1).some((n) => n.toLowerCase() === name.toLowerCase())) continue;
    if (!hit) hit = { canon: f[1], aliases: f.slice(2), addrs: [] };
    if (!hit.addrs.includes(f[0])) hit.addrs.push(f[0]);
  }
  // nss-myhostname (in Arch's nsswitch.conf) always resolves the local host name.
  return hit ?? { canon: name, aliases: [], addrs: ['127.0.0.2'] };
}

async function showName(sys: SysApi, kind: Kind, errx: (m: string) => Promise<never>): Promise<string> {
  const u = sys.uname();
  switch (kind) {
    case 'default': return `${u.nodename}\n`;
    case 'short': return `${u.nodename.split('.')[0]}\n`;
    case 'nis':
      if (u.domainname === '(none)' || u.domainname === '') return errx('Local domain name not set');
      return `${u.domainname}\n`;
    // getifaddrs(): every address of every interface that is up, loopback and IPv6 link-local excluded.
    case 'all-ips': {
      const net = await sys.ext<NetApi>('net');
      const up = new Set(net.links().filter((l) => l.flags & 0x1 && !(l.flags & 0x8)).map((l) => l.ifindex));
      return `${net.addrs().filter((a) => up.has(a.ifindex) && !a.local.startsWith('fe80:')).map((a) => `${a.local} `).join('')}\n`;
    }
    case 'all-fqdns':
      return '\n';
    default: {
      const res = await resolve(sys, u.nodename);
      const dot = res.canon.indexOf('.');
      if (kind === 'alias') return `${res.aliases.join(' ')}\n`;
      if (kind === 'ip') return `${res.addrs.join(' ')}\n`;
      if (kind === 'dns') return dot >= 0 ? `${res.canon.slice(dot + 1)}\n` : '';
      return `${res.canon}\n`;
    }
  }
}
