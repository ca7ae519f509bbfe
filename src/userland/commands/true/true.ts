import type { ProgramImage } from '../../../kernel/program.ts';

/** true(1) and false(1): coreutils ignore their arguments (bar --help/--version). */
export const trueCmd: ProgramImage = { main: async () => 0, vszKb: 5480, rssKb: 1020 };
export const falseCmd: ProgramImage = { main: async () => 1, vszKb: 5480, rssKb: 1020 };
