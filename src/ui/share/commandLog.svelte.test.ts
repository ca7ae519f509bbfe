import { describe, expect, test } from 'vitest';
import { CommandLog } from './commandLog.svelte.ts';
import { LIMITS } from './sessionState.ts';

describe('CommandLog', () => {
  test('keys are cut into lines at Enter, per pane, in typing order', () => {
    const log = new CommandLog();
    log.record(0, 'ps a');
    log.record(1, 'hostname\r');
    log.record(0, 'ux\recho hi\rpart');
    expect(log.commands).toEqual([[1, 'hostname'], [0, 'ps aux'], [0, 'echo hi']]);
    expect(log.hasPartial(0)).toBe(true);
    expect(log.hasPartial(1)).toBe(false);
  });

  test('control keys and line editing are kept as typed, so a replay edits the same way', () => {
    const log = new CommandLog();
    log.record(0, 'sleep 100\r\x03\x1b[Aecho x\x7f\x7fy\r');
    expect(log.commands).toEqual([[0, 'sleep 100'], [0, '\x03\x1b[Aecho x\x7f\x7fy']]);
  });

  test('past its limits the log stops and says so, instead of dropping lines from the middle', () => {
    const log = new CommandLog();
    for (let i = 0; i < LIMITS.commands + 5; i++) log.record(0, `echo ${i}\r`);
    expect(log.commands).toHaveLength(LIMITS.commands);
    expect(log.full).toBe(true);
    log.clear();
    expect(log.commands).toEqual([]);
    expect(log.full).toBe(false);
  });
});
