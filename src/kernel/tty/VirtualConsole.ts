import { Tty, type TtyHooks } from './Tty.ts';

/**
 * A virtual console, /dev/ttyN (drivers/tty/vt): character device 4:N. On the VM only agetty holds
 * one (tty1, waiting for a login nobody types), which is what makes `ps` show it as `tty1 Ss+`.
 */
export class VirtualConsole extends Tty {
  constructor(readonly vt: number, hooks: TtyHooks) { super(vt, -1, hooks); }
  override get name(): string { return `tty${this.vt}`; }
  override get rdev(): [number, number] { return [4, this.vt]; }
}

/** MAX_NR_CONSOLES is 63; a fresh VM has /dev/tty0 (the current console) to /dev/tty63. */
export const VT_COUNT = 64;
