import type { SockDiag } from '../../../kernel/net/api.ts';

/** ss's state names (scan_state) as bit masks over TCP state numbers. */
const SS = { ESTABLISHED: 1, SYN_SENT: 2, SYN_RECV: 3, FIN_WAIT1: 4, FIN_WAIT2: 5, TIME_WAIT: 6, CLOSE: 7, CLOSE_WAIT: 8, LAST_ACK: 9, LISTEN: 10, CLOSING: 11 };
export const SS_ALL = 0xfff & ~1;
export const SS_CONN = SS_ALL & ~((1 << SS.LISTEN) | (1 << SS.CLOSE) | (1 << SS.TIME_WAIT) | (1 << SS.SYN_RECV));
const bit = (s: number) => 1 << s;

const STATE_WORDS: Record<string, number> = {
  established: bit(SS.ESTABLISHED), 'syn-sent': bit(SS.SYN_SENT), 'syn-recv': bit(SS.SYN_RECV), 'syn-rcv': bit(SS.SYN_RECV),
  'fin-wait-1': bit(SS.FIN_WAIT1), 'fin-wait-2': bit(SS.FIN_WAIT2), 'time-wait': bit(SS.TIME_WAIT), closed: bit(SS.CLOSE),
  close: bit(SS.CLOSE), 'close-wait': bit(SS.CLOSE_WAIT), 'last-ack': bit(SS.LAST_ACK), listening: bit(SS.LISTEN),
  listen: bit(SS.LISTEN), closing: bit(SS.CLOSING), unconnected: bit(SS.CLOSE),
  all: SS_ALL, connected: SS_ALL & ~(bit(SS.CLOSE) | bit(SS.LISTEN)),
  synchronized: SS_ALL & ~(bit(SS.CLOSE) | bit(SS.LISTEN) | bit(SS.SYN_SENT)),
  bucket: bit(SS.SYN_RECV) | bit(SS.TIME_WAIT), big: SS_ALL & ~(bit(SS.SYN_RECV) | bit(SS.TIME_WAIT)),
};

export function stateMask(word: string): number | undefined { return STATE_WORDS[word.toLowerCase()]; }

type Pred = (d: SockDiag) => boolean;

/**
 * The filter expression after the options: `state X`, `exclude X`, and port/address conditions
 * (`sport = :ssh`, `dport :80`, `dst 10.0.0.2`) joined by and/or, parentheses ignored.
 */
export function parseFilter(words: string[], services: Map<string, string>): { states?: number; exclude: number; pred: Pred; error?: string } {
  let states: number | undefined;
  let exclude = 0;
  let pred: Pred = () => true;
  let join: 'and' | 'or' = 'and';
  let negate = false;
  const tokens = words.flatMap((w) => w.split(/([()])/)).map((w) => w.trim()).filter((w) => w && w !== '(' && w !== ')');
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    if (w === 'state' || w === 'exclude' || w === 'excl') {
      const m = stateMask(tokens[++i] ?? '');
      if (m === undefined) return { exclude, pred, error: `ss: wrong state name: ${tokens[i]}\n` };
      if (w === 'state') states = (states ?? 0) | m; else exclude |= m;
      continue;
    }
    if (w === 'and' || w === '&&' || w === 'or' || w === '||') { join = w === 'or' || w === '||' ? 'or' : 'and'; continue; }
    if (w === 'not' || w === '!') { negate = !negate; continue; }
    const key = w.replace(/^src$/, 'src').toLowerCase();
    if (!['sport', 'dport', 'src', 'dst'].includes(key)) return { exclude, pred, error: `ss: bad filter expression "${w}"\n` };
    let op = '=';
    if (['=', '==', 'eq', '!=', 'ne', 'neq', '>', 'gt', '<', 'lt', '>=', 'ge', 'geq', '<=', 'le', 'leq'].includes(tokens[i + 1])) op = tokens[++i];
    const arg = tokens[++i] ?? '';
    const c = condition(key, op, arg, services);
    const prev = pred;
    const neg = negate;
    const cond: Pred = neg ? (d) => !c(d) : c;
    pred = join === 'and' ? (d) => prev(d) && cond(d) : (d) => prev(d) || cond(d);
    negate = false;
    join = 'and';
  }
  return { states, exclude, pred };
}

function condition(key: string, op: string, arg: string, services: Map<string, string>): Pred {
  const portText = arg.includes(':') ? arg.slice(arg.lastIndexOf(':') + 1) : key.endsWith('port') ? arg : '';
  const addr = key.endsWith('port') ? '' : arg.includes(':') && !arg.startsWith('[') ? arg.slice(0, arg.lastIndexOf(':')) : arg.replace(/^\[|\]$/g, '');
  let port = Number(portText);
  if (portText && !/^\d+$/.test(portText)) {
    const hit = [...services].find(([, n]) => n === portText);
    port = hit ? Number(hit[0].split('/')[0]) : NaN;
  }
  const cmp = (v: number) => {
    switch (op) {
      case '!=': case 'ne': case 'neq': return v !== port;
      case '>': case 'gt': return v > port;
      case '<': case 'lt': return v < port;
      case '>=': case 'ge': case 'geq': return v >= port;
      case '<=': case 'le': case 'leq': return v <= port;
      default: return v === port;
    }
  };
  return (d) => {
    const local = key === 'sport' || key === 'src';
    const p = local ? d.localPort : d.remotePort;
    const a = local ? d.local : d.remote;
    if (portText && portText !== '*' && !cmp(p)) return false;
    if (addr && addr !== '*' && a !== addr && !a.endsWith(`:${addr}`)) return false;
    return true;
  };
}
