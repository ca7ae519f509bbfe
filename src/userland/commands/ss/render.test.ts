import { describe, expect, test } from 'vitest';
import { reference } from '../../../../test/helpers/reference.ts';
import { COLS, makeColumns, render, type Row } from './render.ts';

const ref = reference;

/** Rows as ss buffers them: header, full rows, and a last row that stops at its Process cell. */
function rows(cells: string[][]): Row[] {
  const out: Row[] = [makeColumns().map((c) => c.header), ...cells.map((c) => [...c, ''])];
  if (cells.length) out[out.length - 1] = out[out.length - 1].slice(0, COLS.PROC + 1);
  return out;
}

const tcpListen = (q: string, addr: string, port: string, proc = '') => ['', 'LISTEN', '0     ', q.padEnd(6), `${addr}:`, port, '0.0.0.0:', '*', proc];

function tcpColumns() {
  const cols = makeColumns();
  cols[COLS.NETID].disabled = true;
  return cols;
}

describe('ss column layout (misc/ss.c render)', () => {
  test('compact through a pipe: every row padded to the last column, trailing spaces kept', () => {
    expect(render(tcpColumns(), rows([tcpListen('128', '0.0.0.0', '2024')]), null)).toBe(ref('11-format-probes/ss_tln_notty.txt'));
  });

  test('on an 80 and a 120 column terminal the columns spread to the full width', () => {
    const r = rows([tcpListen('128', '0.0.0.0', '2024')]);
    expect(render(tcpColumns(), r, 80)).toBe(ref('11-format-probes/ss_tln_tty80.txt'));
    expect(render(tcpColumns(), r, 120)).toBe(ref('11-format-probes/ss_tln_tty120.txt'));
  });

  test('the Process cell of the last row is never measured: one listener overflows, two do not', () => {
    const one = rows([tcpListen('5', '127.0.0.1', '8080', ' users:(("python3",pid=3776,fd=3))')]);
    const two = rows([
      tcpListen('5', '127.0.0.1', '9090', ' users:(("python3",pid=3779,fd=4))'),
      tcpListen('5', '127.0.0.1', '8080', ' users:(("python3",pid=3779,fd=3))'),
    ]);
    expect(render(tcpColumns(), one, null) + render(tcpColumns(), two, null)).toBe(ref('11-format-probes/ss_tlnp_one_vs_two_listeners.txt'));
  });

  test('on a terminal a Process column that does not fit starts a line of its own', () => {
    const one = rows([tcpListen('5', '127.0.0.1', '8080', ' users:(("python3",pid=3791,fd=3))')]);
    const two = rows([
      tcpListen('5', '127.0.0.1', '8080', ' users:(("python3",pid=3794,fd=3))'),
      tcpListen('5', '127.0.0.1', '9090', ' users:(("python3",pid=3794,fd=4))'),
    ]);
    expect(render(tcpColumns(), one, 80) + render(tcpColumns(), two, 80)).toBe(ref('11-format-probes/ss_tlnp_tty80_one_vs_two_listeners.txt'));
  });

  test('a header alone still spreads and keeps its Process column', () => {
    const cols = makeColumns();
    const out = render(cols, rows([]), 80);
    expect(`RTNETLINK answers: Invalid argument\n${out}`).toBe(ref('02-default/ctr_ss.txt'));
  });
});
