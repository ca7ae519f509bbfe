/**
 * LINES and COLUMNS follow the terminal (bash 5.x with checkwinsize on, its default): set when
 * readline starts, updated on SIGWINCH while a line is edited, and after every foreground job.
 */
import { describe, expect, it } from 'vitest';
import { bootSandbox } from '../../sandbox/index.ts';
import type { TerminalSession } from '../../sandbox/types.ts';

async function login(cols = 80, rows = 24): Promise<{ t: TerminalSession; type: (keys: string) => Promise<string> }> {
  const t = bootSandbox().openTerminal({ cols, rows });
  let buf = '';
  t.onOutput((d) => { buf += d; });
  await t.settle();
  /** Sends keys, waits until the machine is idle, returns what the terminal printed meanwhile. */
  const type = async (keys: string) => {
    buf = '';
    t.input(keys);
    await t.settle();
    return buf.replace(/\x1b\[\?2004[hl]\r?/g, '').replace(/\r\n/g, '\n');
  };
  return { t, type };
}

describe('LINES and COLUMNS follow the window (checkwinsize)', () => {
  it('are set at the first prompt and change after the terminal is resized', async () => {
    const { t, type } = await login(80, 24);
    expect(await type('echo $COLUMNS $LINES\r')).toContain('\n80 24\n');
    t.resize(132, 43);
    expect(await type('echo $COLUMNS $LINES\r')).toContain('\n132 43\n');
  });

  it('a resize while a line is edited redraws it at once, without a ^C, and the line sees the new size', async () => {
    const { t, type } = await login(80, 24);
    await type('echo $COLUMNS');
    let redraw = '';
    t.onOutput((d) => { redraw += d; });
    t.resize(40, 10);
    await t.settle();
    // _rl_redisplay_after_sigwinch: the line is drawn again, and the read was not taken for ^C.
    expect(redraw).toContain('echo $COLUMNS');
    expect(redraw).not.toContain('^C');
    expect(await type('\r')).toMatch(/^\r?\n40\n/);
  });

  it('a foreground job that ran during the resize updates them before the next command of the line', async () => {
    const { t, type } = await login(80, 24);
    // cat holds the terminal (its process group gets the SIGWINCH); bash asks the tty again once it ends.
    await type('cat; echo "$COLUMNS x $LINES"\r');
    t.resize(100, 30);
    expect(await type('\x04')).toContain('100 x 30\n');
  });

  it('stay shell variables: children see them only when exported', async () => {
    const { type } = await login(90, 20);
    expect(await type('bash -c \'echo "child: ${COLUMNS-unset}"\'\r')).toContain('\nchild: unset\n');
    expect(await type('export COLUMNS; bash -c \'echo "child: ${COLUMNS-unset}"\'\r')).toContain('\nchild: 90\n');
  });
});
