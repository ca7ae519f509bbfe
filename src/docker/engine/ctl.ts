import { KernelError } from '../../kernel/errno.ts';
import type { Kernel } from '../../kernel/Kernel.ts';
import type { Sys } from '../../kernel/syscalls/Sys.ts';
import type { Task } from '../../kernel/task/Task.ts';
import { populateDev } from '../../kernel/vfs/filesystems.ts';
import type { OpenFile } from '../../kernel/vfs/OpenFile.ts';
import { PathWalker } from '../../kernel/vfs/path.ts';
import { TmpDir } from '../../kernel/vfs/tmpfs.ts';

/**
 * What a shim and its runc children reach through `sys.ext<ShimCtl>('containerd')`: containerd's
 * ttrpc task service (created/exited events, stdio) and the few kernel-side favours runc needs
 * that nsbox's syscall table lacks (mknod on the new /dev, SCM_RIGHTS over the console socket).
 * Processes are keyed `ID` (the container's init) or `ID/EXECID`.
 */
export interface ShimCtl {
  /** runc createDevices: the standard device nodes on the tmpfs mounted at `path` (caller's view). */
  makeDevices(path: string): void;
  /** runc → shim over --console-socket: hand over the pty master `fd`. */
  sendConsole(key: string, fd: number): void;
  /** shim: install the console master sent for `key`; returns its fd. */
  takeConsole(key: string): number;
  /** shim: the process was created with this host pid; resolves true when it may start. */
  created(key: string, pid: number): Promise<boolean>;
  /** shim: creating the process failed (runc's error text). */
  failed(key: string, message: string): void;
  /** shim: how to feed the process's stdin. */
  stdin(key: string, target: { write(data: string): void; close(): void }): void;
  /** shim: output copied from the process's stdout/stderr (or its pty); resolves once attached clients can take more. */
  output(key: string, stream: 'stdout' | 'stderr', data: string): Promise<void>;
  /** shim: the process exited with this wait status. */
  exited(key: string, status: number): void;
}

/** The daemon side of the task service (implemented by the engine). */
export interface TaskEvents {
  created(key: string, pid: number, caller: Task): Promise<boolean>;
  failed(key: string, message: string): void;
  stdin(key: string, target: { write(data: string): void; close(): void }): void;
  output(key: string, stream: 'stdout' | 'stderr', data: string, shim: Task): Promise<void>;
  exited(key: string, status: number): void;
}

/** Register the `containerd` extension: root only, as containerd's socket is. */
export function registerShimCtl(kernel: Kernel, events: TaskEvents): void {
  const consoles = new Map<string, OpenFile>();
  kernel.extensions.set('containerd', (sys) => {
    const task = (sys as Sys).task;
    if (task.cred.euid !== 0) throw new KernelError('EACCES');
    const ctl: ShimCtl = {
      makeDevices(path) {
        const { inode } = new PathWalker(task.fs.root, task.fs.cwd, { task }).resolve(path);
        if (!(inode instanceof TmpDir)) throw new KernelError('EINVAL');
        populateDev(inode);
      },
      sendConsole(key, fd) {
        const file = task.fdTable.get(fd);
        file.refs++;
        consoles.set(key, file);
      },
      takeConsole(key) {
        const file = consoles.get(key);
        if (!file) throw new KernelError('ENOENT');
        consoles.delete(key);
        const fd = task.fdTable.install(file, 3, true);
        file.refs--;
        return fd;
      },
      created: (key, pid) => events.created(key, pid, task),
      failed: (key, message) => events.failed(key, message),
      stdin: (key, target) => events.stdin(key, target),
      output: (key, stream, data) => events.output(key, stream, data, task),
      exited: (key, status) => events.exited(key, status),
    };
    return ctl;
  });
}
