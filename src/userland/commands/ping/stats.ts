import type { PingReply } from '../../../kernel/net/api.ts';

export interface PingStats {
  transmitted: number;
  received: number;
  errors: number;
  /** Round-trip times in microseconds, as iputils keeps them. */
  rtts: number[];
  start: number;
  end: number;
}

/** iputils' time formatting by magnitude (ping_common.c gather_statistics). */
function timeText(us: number): string {
  if (us >= 100000 - 50) return `${Math.floor((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

export function replyLine(r: PingReply, from: string, rttUs: number): string {
  return `${r.bytes} bytes from ${from}: icmp_seq=${r.seq} ttl=${r.ttl} time=${timeText(rttUs)} ms\n`;
}

/** printf("%g") for the loss percentage. */
function g(n: number): string {
  if (n === 0) return '0';
  const s = n.toPrecision(6);
  return s.includes('e') ? s : s.replace(/\.?0+$/, '');
}

const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(Math.floor(us % 1000)).padStart(3, '0')}`;

/** finish(): the summary block. */
export function pingStatistics(target: string, st: PingStats): string {
  let s = `\n--- ${target} ping statistics ---\n`;
  s += `${st.transmitted} packets transmitted, ${st.received} received`;
  if (st.errors) s += `, +${st.errors} errors`;
  if (st.transmitted) {
    const loss = ((st.transmitted - st.received) * 100) / st.transmitted;
    s += `, ${g(loss)}% packet loss, time ${Math.round(st.end - st.start)}ms`;
  }
  s += '\n';
  if (st.received) {
    const total = st.rtts.length;
    const sum = st.rtts.reduce((a, b) => a + b, 0);
    const sum2 = st.rtts.reduce((a, b) => a + b * b, 0);
    const avg = Math.floor(sum / total);
    const variance = Math.floor((sum2 - Math.floor((sum * sum) / total)) / total);
    const mdev = Math.floor(Math.sqrt(Math.max(0, variance)));
    s += `rtt min/avg/max/mdev = ${ms3(Math.min(...st.rtts))}/${ms3(avg)}/${ms3(Math.max(...st.rtts))}/${ms3(mdev)} ms\n`;
  } else if (st.errors) {
    s += '';
  }
  return s;
}
