import type { SysApi } from '../../../kernel/syscalls/SysApi.ts';

/** print_summary: /proc/net/sockstat{,6} and the Tcp CurrEstab of /proc/net/snmp. */
export async function summary(sys: SysApi): Promise<string> {
  const read = async (p: string) => { try { return await sys.readFile(p); } catch { return ''; } };
  const stat = (await read('/proc/net/sockstat')) + (await read('/proc/net/sockstat6'));
  const field = (line: string, key: string) => Number(new RegExp(`^${line}:.*?\\b${key} (\\d+)`, 'm').exec(stat)?.[1] ?? 0);
  const snmp = (await read('/proc/net/snmp')).split('\n').filter((l) => l.startsWith('Tcp:'));
  let estab = 0;
  if (snmp.length === 2) {
    const i = snmp[0].split(' ').indexOf('CurrEstab');
    estab = Number(snmp[1].split(' ')[i] ?? 0);
  }
  const s = {
    socks: field('sockets', 'used'), tcp4: field('TCP', 'inuse'), orphans: field('TCP', 'orphan'), tw: field('TCP', 'tw'),
    total: field('TCP', 'alloc'), udp4: field('UDP', 'inuse'), raw4: field('RAW', 'inuse'), frag4: field('FRAG', 'inuse'),
    tcp6: field('TCP6', 'inuse'), udp6: field('UDP6', 'inuse'), raw6: field('RAW6', 'inuse'), frag6: field('FRAG6', 'inuse'),
  };
  const row = (name: string, a: number, b: number) => `${name}\t  ${String(a + b).padEnd(9)} ${String(a).padEnd(9)} ${String(b).padEnd(9)}\n`;
  return `Total: ${s.socks}\n`
    + `TCP:   ${s.total + s.tw} (estab ${estab}, closed ${s.total - (s.tcp4 + s.tcp6 - s.tw)}, orphaned ${s.orphans}, timewait ${s.tw})\n\n`
    + 'Transport Total     IP        IPv6\n'
    + row('RAW', s.raw4, s.raw6) + row('UDP', s.udp4, s.udp6) + row('TCP', s.tcp4, s.tcp6)
    + row('INET', s.raw4 + s.udp4 + s.tcp4, s.raw6 + s.udp6 + s.tcp6) + row('FRAG', s.frag4, s.frag6) + '\n';
}
