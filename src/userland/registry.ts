import type { ProgramImage } from '../kernel/program.ts';
import { cat } from './commands/cat/cat.ts';
import { echo } from './commands/echo/echo.ts';
import { falseCmd, trueCmd } from './commands/true/true.ts';

/** Every program nsbox can install into a root filesystem, by file name. */
export const PROGRAMS: Record<string, ProgramImage> = {
  cat, echo, true: trueCmd, false: falseCmd,
};

/** What the host profile has in /usr/bin (Arch ships procps-ng, iproute2, util-linux, coreutils). */
export const HOST_PROGRAMS = Object.keys(PROGRAMS);
