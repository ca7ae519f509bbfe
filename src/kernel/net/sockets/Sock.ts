import { O_RDWR } from '../../constants.ts';
import type { Kernel } from '../../Kernel.ts';
import { KernelError } from '../../errno.ts';
import { WaitQueue } from '../../sched.ts';
import type { Task } from '../../task/Task.ts';
import { OpenFile } from '../../vfs/OpenFile.ts';
import type { NetStack } from '../NetStack.ts';

/** TCP states with the kernel's numbering (include/net/tcp_states.h); other sockets use CLOSE/ESTABLISHED/LISTEN. */
export const TCP = {
  ESTABLISHED: 1, SYN_SENT: 2, SYN_RECV: 3, FIN_WAIT1: 4, FIN_WAIT2: 5, TIME_WAIT: 6, CLOSE: 7,
  CLOSE_WAIT: 8, LAST_ACK: 9, LISTEN: 10, CLOSING: 11,
} as const;

export type SockDomain = 'unix' | 'inet' | 'inet6' | 'netlink';
export type SockType = 'stream' | 'dgram' | 'raw' | 'seqpacket';

/** Kernel-wide socket numbering: sockfs inode numbers and socket cookies (ss -e `ino:` and `sk:`). */
interface SockCounters { ino: number; cookie: number }
const counters = new WeakMap<Kernel, SockCounters>();

export function sockCounters(kernel: Kernel): SockCounters {
  let c = counters.get(kernel);
  if (!c) { c = { ino: 20000, cookie: 1 }; counters.set(kernel, c); }
  return c;
}

/**
 * struct socket + struct sock: what every socket shares. `stack` is sock_net (fixed at creation);
 * subclasses implement the protocol. Owned by the namespace's socket list from creation until
 * `unhash`; by its open file while a process holds it.
 */
export abstract class Sock {
  readonly ino: number;
  readonly cookie: number;
  state: number = TCP.CLOSE;
  readonly wq = new WaitQueue();
  file: OpenFile | null = null;
  uid: number;

  constructor(readonly stack: NetStack, readonly domain: SockDomain, readonly type: SockType, readonly protocol: number, owner: { euid: number }, ino?: number) {
    const c = sockCounters(stack.kernel);
    this.ino = ino ?? c.ino++;
    if (ino !== undefined && ino >= c.ino) c.ino = ino + 1;
    this.cookie = c.cookie++;
    this.uid = owner.euid;
    stack.sockets.push(this);
  }

  get kernel(): Kernel { return this.stack.kernel; }

  /** Bytes (or connections) waiting to be read / sent, as the diag dumps report them. */
  abstract recvQ(): number;
  abstract sendQ(): number;
  abstract read(task: Task): Promise<string>;
  abstract write(task: Task, data: string): Promise<void>;
  /** The last descriptor was closed. */
  abstract release(): void;

  /** Leave the namespace's socket list (sock is gone for ss). */
  unhash(): void {
    const i = this.stack.sockets.indexOf(this);
    if (i >= 0) this.stack.sockets.splice(i, 1);
  }

  /** Sleep until woken (data, connection, state change); signals interrupt. */
  wait(task: Task): Promise<void> { return this.kernel.block(task, (wake) => this.wq.add(wake)); }

  /** Sleep for `ms` of clock time. */
  sleep(task: Task, ms: number): Promise<void> {
    return this.kernel.block(task, (wake) => {
      const id = this.kernel.timers.add(ms, wake);
      return () => this.kernel.timers.cancel(id);
    });
  }

  /** The open file behind every descriptor of this socket (/proc/PID/fd/N → socket:[INODE]). */
  openFile(): OpenFile {
    if (!this.file) {
      this.file = new OpenFile({
        read: (_f, t) => this.read(t),
        write: (_f, data, t) => this.write(t, data),
        release: () => {
          this.file = null;
          this.release();
          // A socket holds its namespace (sk_net_refcnt): the last close may let cleanup_net run.
          if (this.stack.ns !== this.kernel.initNsProxy.net) this.kernel.namespacesChanged();
        },
      }, O_RDWR, `socket:[${this.ino}]`);
      socketFiles.set(this.file, this);
    }
    return this.file;
  }

  /** A new descriptor for this socket in `task`'s table. */
  install(task: Task, cloexec = false): number { return task.fdTable.install(this.openFile(), 0, cloexec); }
}

/** The socket behind a descriptor, or ENOTSOCK. */
export function sockOf(task: Task, fd: number): Sock {
  const f = task.fdTable.get(fd);
  const s = socketFiles.get(f);
  if (!s) throw new KernelError('ENOTSOCK');
  return s;
}

/** Open files that are sockets (the file's private_data). */
const socketFiles = new WeakMap<OpenFile, Sock>();

export function sockOfFile(f: OpenFile): Sock | undefined { return socketFiles.get(f); }
