import type { ProgramImage } from '../kernel/program.ts';
import { bash } from './commands/bash/bash.ts';
import { cat } from './commands/cat/cat.ts';
import { sudo } from './commands/sudo/sudo.ts';
import { echo } from './commands/echo/echo.ts';
import { falseCmd, trueCmd } from './commands/true/true.ts';
import { grep } from './commands/grep/grep.ts';

/** Every program nsbox can install into a root filesystem, by file name. */
export const PROGRAMS: Record<string, ProgramImage> = {
  bash, sh: bash, sudo, cat, echo, true: trueCmd, false: falseCmd,
  grep,
};

/** What the host profile has in /usr/bin (Arch ships procps-ng, iproute2, util-linux, coreutils). */
export const HOST_PROGRAMS = Object.keys(PROGRAMS);
