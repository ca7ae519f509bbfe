import type { Termios } from '../syscalls/SysApi.ts';

/** `stty sane` on Linux: canonical mode with echo, signals and \n → \r\n output. */
export function saneTermios(): Termios {
  return { icanon: true, echo: true, isig: true, onlcr: true };
}

/** Control characters of the default c_cc (VINTR ^C, VQUIT ^\, VERASE DEL, VKILL ^U, VEOF ^D, VSUSP ^Z, VWERASE ^W). */
export const CC = { INTR: '\x03', QUIT: '\x1c', ERASE: '\x7f', KILL: '\x15', EOF: '\x04', SUSP: '\x1a', WERASE: '\x17' };
