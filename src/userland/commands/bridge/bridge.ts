import type { NetApi } from '../../../kernel/net/api.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import { IpCtx } from '../ip/common.ts';
import { linkFlags, nameAndLink } from '../ip/format.ts';

const USAGE = `Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
       bridge [ -force ] -batch filename
where  OBJECT := { link | fdb | mdb | vlan | vni | monitor }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                    -o[neline] | -t[imestamp] | -n[etns] name |
                    -com[pressvlan] -c[olor] -p[retty] -j[son] }
`;

/** iproute2's `bridge link`: one line per bridge port with its STP state, priority and cost. */
export const bridge: ProgramImage = {
  vszKb: 8612, rssKb: 3692,
  main: async (proc) => {
    const args = proc.argv.slice(1).filter((a) => !/^-(s|d|o|t|c)/.test(a));
    if (args[0] === '-V' || args[0] === '-Version') { await proc.out('bridge utility, 6.1.0\n'); return 0; }
    const [obj = '', cmd = 'show', ...rest] = args;
    if (!obj || obj === 'help') { await proc.err(USAGE); return obj ? 0 : 255; }
    if (!'link'.startsWith(obj)) {
      if (['fdb', 'mdb', 'vlan', 'vni', 'monitor'].some((o) => o.startsWith(obj))) return 0;
      await proc.err(`Object "${obj}" is unknown, try "bridge help".\n`);
      return 255;
    }
    if (!'show'.startsWith(cmd) && !'list'.startsWith(cmd)) {
      await proc.err(`Command "${cmd}" is unknown, try "bridge link help".\n`);
      return 255;
    }
    const ctx = new IpCtx(proc, await proc.sys.ext<NetApi>('net'));
    let dev: string | undefined;
    for (let i = 0; i < rest.length; i++) dev = rest[i] === 'dev' ? rest[++i] : rest[i];
    let ports = ctx.links().filter((l) => l.master !== undefined && l.bridgePort);
    if (dev !== undefined) {
      const idx = ctx.index(dev);
      if (!idx) { await proc.err(`Cannot find device "${dev}"\n`); return 1; }
      ports = ports.filter((l) => l.ifindex === idx);
    }
    let out = '';
    for (const l of ports) {
      const { text, mdown } = nameAndLink(ctx, l);
      const p = l.bridgePort!;
      out += `${l.ifindex}: ${text}: ${linkFlags(l.flags, mdown)}mtu ${l.mtu} master ${ctx.name(l.master!)} state ${p.state} priority ${p.priority} cost ${p.cost} \n`;
    }
    await proc.out(out);
    return 0;
  },
};
