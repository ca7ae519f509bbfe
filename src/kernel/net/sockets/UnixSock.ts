import { SIG } from '../../constants.ts';
import { KernelError } from '../../errno.ts';
import { sendSignal } from '../../task/signals.ts';
import type { Task } from '../../task/Task.ts';
import { allocIno, checkAccess, type Inode, type SuperBlock } from '../../vfs/inode.ts';
import { PathWalker } from '../../vfs/path.ts';
import type { NetStack } from '../NetStack.ts';
import { Sock, TCP } from './Sock.ts';

/** The filesystem object a bound AF_UNIX socket leaves behind (S_IFSOCK), pointing at its socket. */
export class SockInode {
  readonly type = 'sock' as const;
  readonly ino = allocIno();
  mtime: number;
  constructor(readonly sb: SuperBlock, public mode: number, public uid: number, public gid: number, now: number, public sock: UnixSock | null) {
    this.mtime = now;
  }
}

/**
 * AF_UNIX (net/unix/af_unix.c). Path names live in the filesystem, so they reach across network
 * namespaces wherever the mount is shared (the Docker socket); abstract names (`@name`) belong to
 * the namespace. An accepted socket carries the listener's name, which is why ss shows
 * `/run/dbus/system_bus_socket 16263 * 16262` on the server side only.
 */
export class UnixSock extends Sock {
  path: string | null = null;
  node: SockInode | null = null;
  backlog = 0;
  readonly acceptQ: UnixSock[] = [];
  peer: UnixSock | null = null;
  /** Inode of the peer as unix_diag reports it; stays 0 once the peer is gone. */
  peerIno = 0;
  rbuf = '';
  eof = false;
  readonly dgrams: Array<{ data: string; from: string | null }> = [];

  constructor(stack: NetStack, type: 'stream' | 'dgram' | 'seqpacket', owner: { euid: number }, ino?: number) {
    super(stack, 'unix', type, 0, owner, ino);
  }

  recvQ(): number { return this.state === TCP.LISTEN ? this.acceptQ.length : this.type === 'dgram' ? this.dgrams.reduce((n, d) => n + d.data.length, 0) : this.rbuf.length; }
  sendQ(): number { return this.state === TCP.LISTEN ? this.backlog : 0; }

  bind(task: Task, name: string): void {
    if (this.path !== null) throw new KernelError('EINVAL');
    if (name.startsWith('@')) {
      if (this.stack.sockets.some((s) => s instanceof UnixSock && s.path === name && !s.node)) throw new KernelError('EADDRINUSE');
      this.path = name;
      return;
    }
    const walker = new PathWalker(task.fs.root, task.fs.cwd, { task });
    const { dir, name: base } = walker.resolveParent(name);
    if (dir.inode.lookup(base, { task })) throw new KernelError('EADDRINUSE');
    checkAccess(dir.inode, { task }, 'w');
    if (dir.mnt.readOnly) throw new KernelError('EROFS');
    const node = new SockInode(dir.inode.sb, 0o777 & ~task.fs.umask, task.cred.euid, task.cred.egid, this.kernel.clock.now(), this);
    dir.inode.link(base, node as unknown as Inode);
    this.node = node;
    this.path = name.startsWith('/') ? name : walker.resolve(name, false).path;
  }

  listen(backlog: number): void {
    if (this.type === 'dgram') throw new KernelError('ENOTSUP');
    if (this.path === null) throw new KernelError('EINVAL');
    this.backlog = Math.min(Math.max(backlog, 0), this.stack.sysctl.somaxconn);
    this.state = TCP.LISTEN;
  }

  /** unix_find_other: a path through the caller's filesystem view, or an abstract name in its namespace. */
  static find(task: Task, stack: NetStack, name: string): UnixSock {
    if (name.startsWith('@')) {
      const s = stack.sockets.find((x): x is UnixSock => x instanceof UnixSock && x.path === name && !x.node);
      if (!s) throw new KernelError('ECONNREFUSED');
      return s;
    }
    const walker = new PathWalker(task.fs.root, task.fs.cwd, { task });
    const inode = walker.resolve(name).inode as unknown as SockInode | Inode;
    if (!(inode instanceof SockInode)) throw new KernelError('ECONNREFUSED');
    checkAccess(inode as unknown as Inode, { task }, 'w');
    if (!inode.sock) throw new KernelError('ECONNREFUSED');
    return inode.sock;
  }

  connect(task: Task, name: string): void {
    if (this.state === TCP.ESTABLISHED) throw new KernelError('EISCONN');
    const other = UnixSock.find(task, this.stack, name);
    if (other.type !== this.type) throw new KernelError('EPROTOTYPE');
    if (this.type === 'dgram') { this.pair(other, false); return; }
    if (other.state !== TCP.LISTEN) throw new KernelError('ECONNREFUSED');
    if (other.acceptQ.length > other.backlog) throw new KernelError('EAGAIN');
    const child = new UnixSock(other.stack, this.type as 'stream' | 'seqpacket', { euid: other.uid });
    child.path = other.path;
    child.pair(this, true);
    other.acceptQ.push(child);
    other.wq.wake();
  }

  /** Join two sockets (socketpair(2), or an accepted connection). */
  pair(other: UnixSock, both: boolean): void {
    this.peer = other;
    this.peerIno = other.ino;
    this.state = TCP.ESTABLISHED;
    if (both) {
      other.peer = this;
      other.peerIno = this.ino;
      other.state = TCP.ESTABLISHED;
    }
  }

  async accept(task: Task): Promise<UnixSock> {
    if (this.state !== TCP.LISTEN) throw new KernelError('EINVAL');
    while (!this.acceptQ.length) await this.wait(task);
    return this.acceptQ.shift()!;
  }

  async read(task: Task): Promise<string> {
    for (;;) {
      if (this.type === 'dgram') {
        const d = this.dgrams.shift();
        if (d) return d.data;
      } else if (this.rbuf) {
        const out = this.rbuf;
        this.rbuf = '';
        return out;
      } else if (this.eof || (!this.peer && this.state === TCP.ESTABLISHED)) return '';
      if (this.state === TCP.LISTEN) throw new KernelError('EINVAL');
      if (this.type !== 'dgram' && this.state !== TCP.ESTABLISHED) throw new KernelError('ENOTCONN');
      await this.wait(task);
    }
  }

  async write(task: Task, data: string): Promise<void> {
    const p = this.peer;
    if (this.type === 'dgram') {
      if (!p) throw new KernelError('ENOTCONN');
      p.dgrams.push({ data, from: this.path });
      p.wq.wake();
      return;
    }
    if (this.state !== TCP.ESTABLISHED) throw new KernelError('ENOTCONN');
    if (!p) {
      sendSignal(this.kernel, task, SIG.SIGPIPE);
      throw new KernelError('EPIPE');
    }
    p.rbuf += data;
    p.wq.wake();
  }

  async sendto(task: Task, data: string, name: string): Promise<void> {
    const other = UnixSock.find(task, this.stack, name);
    if (other.type !== 'dgram') throw new KernelError('EPROTOTYPE');
    other.dgrams.push({ data, from: this.path });
    other.wq.wake();
  }

  release(): void {
    for (const c of this.acceptQ.splice(0)) c.release();
    if (this.node) this.node.sock = null;
    const p = this.peer;
    if (p && p.peer === this) {
      p.peer = null;
      p.peerIno = 0;
      p.eof = true;
      p.wq.wake();
    }
    this.peer = null;
    this.state = TCP.CLOSE;
    this.unhash();
  }
}
