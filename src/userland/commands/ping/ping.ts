import { SIG } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { NetApi, PingReply } from '../../../kernel/net/api.ts';
import { formatIp } from '../../../kernel/net/inet.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { resolveHost } from '../../lib/resolve.ts';
import { pingStatistics, replyLine, type PingStats } from './stats.ts';

const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -c <count>         stop after <count> replies
  -i <interval>      seconds between sending each packet
  -n                 no dns name resolution
  -q                 quiet output
  -s <size>          use <size> as number of data bytes to be sent
  -t <ttl>           define time to live
  -W <timeout>       time to wait for response
  -w <deadline>      reply wait <deadline> in seconds
  -4                 use IPv4
  -6                 use IPv6

For more details see ping(8).
`;

/** iputils' ping over an ICMP datagram socket: one echo per interval, statistics at the end or on ^C. */
export const ping: ProgramImage = {
  vszKb: 8292, rssKb: 2304,
  main: async ({ argv, sys, out, err }) => {
    let count = 0, interval = 1000, waitMs = 10_000, deadline = 0, size = 56, quiet = false;
    let family: 4 | 6 | undefined;
    let target: string | undefined;
    try {
      const r = getopt('ping', argv.slice(1), 'c:i:nqs:t:W:w:46hvDI:', []);
      for (const o of r.options) {
        const num = async (v: string | undefined, min: number) => {
          const n = Number(v);
          if (v === undefined || !Number.isFinite(n) || n < min) { await err(`ping: invalid argument: '${v}'\n`); throw new PingExit(1); }
          return n;
        };
        if (o.key === 'c') count = await num(o.value, 1);
        else if (o.key === 'i') interval = Math.round((await num(o.value, 0)) * 1000);
        else if (o.key === 'W') waitMs = Math.round((await num(o.value, 0)) * 1000);
        else if (o.key === 'w') deadline = Math.round((await num(o.value, 0)) * 1000);
        else if (o.key === 's') size = await num(o.value, 0);
        else if (o.key === 'q') quiet = true;
        else if (o.key === '4') family = 4;
        else if (o.key === '6') family = 6;
        else if (o.key === 'h') { await out(USAGE); return 2; }
      }
      target = r.operands[0];
    } catch (e) {
      if (e instanceof PingExit) return e.code;
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (!target) { await err(`ping: usage error: Destination address required\n`); return 1; }
    const addrs = await resolveHost(sys, target, family);
    if (!addrs.length) { await err(`ping: ${target}: ${family ? 'Address family for hostname not supported' : 'Name or service not known'}\n`); return 2; }
    const dst = addrs[0];
    const dstText = formatIp(dst);
    const named = dstText !== target.replace(/^\[|\]$/g, '');
    const net = await sys.ext<NetApi>('net');

    // iputils finds its source address with a connected UDP probe socket first.
    const probe = net.socket(dst.family === 4 ? 'inet' : 'inet6', 'dgram');
    try {
      await net.connect(probe, { family: dst.family, addr: dstText, port: 1025 });
    } catch (e) {
      if (!isKernelError(e)) throw e;
      await err(`ping: connect: ${e.message}\n`);
      return 2;
    } finally {
      sys.close(probe);
    }
    const fd = net.pingOpen(dst.family);
    const who = named ? (dst.family === 4 ? `${target} (${dstText})` : `${target}(${target} (${dstText}))`) : (dst.family === 4 ? `${dstText} (${dstText})` : `${dstText}(${dstText})`);
    await out(dst.family === 4 ? `PING ${who} ${size}(${size + 28}) bytes of data.\n` : `PING ${who} ${size} data bytes\n`);

    let interrupted = false;
    sys.signal(SIG.SIGINT, () => { interrupted = true; });
    const st: PingStats = { transmitted: 0, received: 0, errors: 0, rtts: [], start: sys.time(), end: sys.time() };
    const sent = new Map<number, number>();
    const fromText = (r: PingReply) => (named ? `${target} (${r.from})` : r.from);
    const handle = async (r: PingReply) => {
      if (r.kind === 'error') {
        st.errors++;
        if (!quiet) await out(`From ${r.from} icmp_seq=${r.seq} Destination ${r.code === 'net' ? 'Net' : 'Host'} Unreachable\n`);
        return;
      }
      const t0 = sent.get(r.seq);
      if (t0 === undefined) return;
      sent.delete(r.seq);
      st.received++;
      const rttUs = Math.max(1, Math.round((r.time - t0) * 1000));
      st.rtts.push(rttUs);
      st.end = Math.max(st.end, r.time);
      if (!quiet) await out(replyLine(r, fromText(r), rttUs));
    };
    const stopAt = deadline ? st.start + deadline : Infinity;
    try {
      for (let seq = 1; !interrupted; seq++) {
        if (count && st.transmitted >= count) break;
        if (sys.time() >= stopAt) break;
        try {
          const t = net.pingSend(fd, dstText, seq, size);
          sent.set(seq, t);
          // iputils' cur_time: the statistics' "time" runs to the last packet sent or received.
          st.end = Math.max(st.end, t);
        } catch (e) {
          if (!isKernelError(e)) throw e;
          await err(`ping: sendmsg: ${e.message}\n`);
        }
        st.transmitted++;
        const last = count > 0 && st.transmitted >= count;
        // Wait for answers until the next send is due (or, after the last one, up to -W).
        const until = Math.min(stopAt, last ? sys.time() + waitMs : sys.time() + interval);
        for (;;) {
          if (last && st.received + st.errors >= st.transmitted) break;
          const r = await net.pingRecv(fd, until).catch((e) => { if (isKernelError(e, 'EINTR')) return null; throw e; });
          if (interrupted) break;
          if (!r) break;
          await handle(r);
        }
        if (last) break;
      }
    } catch (e) {
      if (!isKernelError(e, 'EINTR')) throw e;
    }
    await out(pingStatistics(target, st));
    sys.close(fd);
    return st.received && (!deadline || !count || st.received >= count) ? 0 : 1;
  },
};

class PingExit { constructor(readonly code: number) {} }

