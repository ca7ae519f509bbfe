import { KernelError } from '../errno.ts';
import { O_APPEND, O_TRUNC, O_WRONLY, O_RDWR, SIG } from '../constants.ts';
import type { Kernel } from '../Kernel.ts';
import type { Task } from '../task/Task.ts';
import { sendSignal } from '../task/signals.ts';
import type { Tty } from '../tty/Tty.ts';
import { WaitQueue } from '../sched.ts';
import type { AccessContext, FifoInode, FileInode } from './inode.ts';
import { OpenFile, type FileOps } from './OpenFile.ts';
import type { PathRef } from './path.ts';
import type { Clock } from '../clock.ts';

export const canWrite = (flags: number) => (flags & 3) === O_WRONLY || (flags & 3) === O_RDWR;
export const canRead = (flags: number) => (flags & 3) !== O_WRONLY;

/**
 * Regular files. procfs files are generated on open (seq_file builds its buffer at first read), so
 * one read sees one consistent snapshot.
 */
export function openRegular(ref: PathRef, flags: number, ctx: AccessContext, name: string, clock: Clock): OpenFile {
  const inode = ref.inode as FileInode;
  if (canWrite(flags) && ref.mnt.readOnly) throw new KernelError('EROFS');
  if (flags & O_TRUNC && canWrite(flags)) inode.write('', ctx);
  return new OpenFile(new RegularFileOps(inode, ctx, clock), flags, name, ref);
}

/** The operations of one open regular file: one object per open (ps opens three per process). */
class RegularFileOps implements FileOps {
  private snapshot: string | null = null;
  constructor(private readonly inode: FileInode, private readonly ctx: AccessContext, private readonly clock: Clock) {}

  read(file: OpenFile, _task?: Task, count = Infinity): string {
    // At end of file, look again: data appended through another open file (tail -f) shows up. A
    // generated (procfs/sysfs) file is not generated again: seq_file's single_open shows once, and a
    // read at its end returns 0 (ps reads each /proc/PID file to EOF: one generation, not two).
    if (this.snapshot === null) this.snapshot = this.inode.read(this.ctx);
    else if (file.pos >= this.snapshot.length) {
      if (this.inode.generated) return '';
      this.snapshot = this.inode.read(this.ctx);
    }
    const chunk = this.snapshot.slice(file.pos, file.pos + count);
    file.pos += chunk.length;
    return chunk;
  }

  seek(file: OpenFile, offset: number, whence: 0 | 1 | 2): number {
    const base = whence === 0 ? 0 : whence === 1 ? file.pos : this.inode.read(this.ctx).length;
    if (base + offset < 0) throw new KernelError('EINVAL');
    file.pos = base + offset;
    return file.pos;
  }

  write(file: OpenFile, data: string): void {
    // A procfs/sysfs file hands each write(2) buffer to its handler (proc_sys_write, map_write);
    // there is no content to splice it into.
    if (this.inode.generated) { this.inode.write(data, this.ctx); file.pos += data.length; return; }
    const cur = this.inode.read(this.ctx);
    if (file.flags & O_APPEND) file.pos = cur.length;
    const next = cur.slice(0, file.pos) + data + cur.slice(file.pos + data.length);
    this.inode.write(next, this.ctx);
    this.inode.mtime = this.clock.now();
    file.pos += data.length;
    this.snapshot = null;
  }
}

/** /dev/null, /dev/zero, /dev/full, /dev/random and /dev/urandom (drivers/char/mem.c). */
export function memDeviceOps(kernel: Kernel, minor: number): FileOps {
  switch (minor) {
    case 3: return { read: () => '', write: () => undefined };
    case 5: return { read: () => '\0'.repeat(4096), write: () => undefined };
    case 7: return { read: () => '\0'.repeat(4096), write: () => { throw new KernelError('ENOSPC'); } };
    default: return {
      read: () => Array.from({ length: 64 }, () => String.fromCharCode(kernel.random.int(256))).join(''),
      write: () => undefined,
    };
  }
}

/** Slave side of a pty, with job-control checks on read (SIGTTIN for background readers). */
export function ttyOps(kernel: Kernel, tty: Tty): FileOps {
  return {
    async read(_file, t) {
      for (;;) {
        if (t.ctty === tty && tty.fgPgrp && t.pgrp !== tty.fgPgrp && t.handlers.get(SIG.SIGTTIN) !== 'ignore') {
          // Background read: the whole group is stopped by SIGTTIN (n_tty_read → __tty_check_change).
          kernel.signalGroup(t.pgrp, SIG.SIGTTIN);
          await kernel.block(t, (wake) => t.continueWaiters.add(wake));
          continue;
        }
        const data = tty.takeInput();
        if (data !== undefined) return data;
        tty.blockedReaders++;
        try {
          await kernel.block(t, (wake) => tty.readable.add(wake));
        } finally {
          tty.blockedReaders--;
        }
      }
    },
    async write(_file, data, t) {
      // n_tty_write: hand over what fits in the master's buffer and sleep for room for the rest, so a
      // program writing to a terminal that reads slowly (`yes` in a browser tab) runs at its pace.
      for (let rest = data; ;) {
        rest = rest.slice(tty.writeSome(rest));
        if (!rest) return;
        await kernel.blockOnOutput(t, (wake) => tty.writable.add(wake));
      }
    },
  };
}

/** Anonymous pipes (fs/pipe.c) with Linux's 64 KiB capacity, so `yes | head` blocks the writer. */
export class Pipe {
  static readonly CAPACITY = 65536;
  private static nextIno = 40000;
  /** pipefs: anonymous, device 0:13; the inode is what /proc/PID/fd/N of an end leads to. */
  private static readonly SB = { fstype: 'pipefs', source: 'pipefs', superOptions: '', dev: [0, 13] as [number, number] };
  readonly ino = Pipe.nextIno++;
  buffer = '';
  readers = 0;
  writers = 0;
  readonly changed = new WaitQueue();
  readonly inode: FifoInode;

  constructor(private readonly kernel: Kernel, owner: { uid: number; gid: number } = { uid: 0, gid: 0 }) {
    this.inode = {
      ino: this.ino, type: 'fifo', mode: 0o600, uid: owner.uid, gid: owner.gid, mtime: kernel.clock.now(), sb: Pipe.SB,
      openEnd: (flags) => this.open(flags),
    };
  }

  ends(): [OpenFile, OpenFile] {
    return [this.open(0), this.open(O_WRONLY)];
  }

  /** One end (fifo_open): O_RDONLY reads, O_WRONLY writes; each open counts as a reader or writer. */
  private open(flags: number): OpenFile {
    const name = `pipe:[${this.ino}]`;
    // Pipes live in no mount namespace; their paths resolve through the kernel's internal mount.
    const ref = { mnt: this.kernel.nsfs.mount, inode: this.inode };
    if ((flags & 3) === O_RDWR) throw new KernelError('EINVAL');
    if (!canWrite(flags)) {
      this.readers++;
      return new OpenFile({
        read: async (_f, task, count = Infinity) => {
          for (;;) {
            if (this.buffer.length) {
              const chunk = this.buffer.slice(0, count);
              this.buffer = this.buffer.slice(chunk.length);
              this.changed.wake();
              return chunk;
            }
            if (this.writers === 0) return '';
            await this.kernel.block(task, (wake) => this.changed.add(wake));
          }
        },
        write: () => { throw new KernelError('EBADF'); },
        release: () => { this.readers--; this.changed.wake(); },
      }, flags, name, ref);
    }
    this.writers++;
    return new OpenFile({
      read: () => { throw new KernelError('EBADF'); },
      write: async (_f, data, task) => {
        let rest = data;
        while (rest.length) {
          if (this.readers === 0) {
            sendSignal(this.kernel, task, SIG.SIGPIPE);
            throw new KernelError('EPIPE');
          }
          const room = Pipe.CAPACITY - this.buffer.length;
          if (room > 0) {
            this.buffer += rest.slice(0, room);
            rest = rest.slice(room);
            this.changed.wake();
            continue;
          }
          await this.kernel.block(task, (wake) => this.changed.add(wake));
        }
      },
      release: () => { this.writers--; this.changed.wake(); },
    }, flags, name, ref);
  }
}
