import type { Task } from '../../task/Task.ts';
import type { NetStack } from '../NetStack.ts';
import { Sock } from './Sock.ts';

/** Netlink protocol numbers and the names ss gives them (lib/rt_names.c nl_proto_n2a). */
export const NETLINK_NAMES: Record<number, string> = {
  0: 'rtnl', 2: 'usersock', 3: 'fw', 4: 'tcpdiag', 5: 'nflog', 6: 'xfrm', 7: 'selinux', 8: 'iscsi', 9: 'audit',
  10: 'fiblookup', 11: 'connector', 12: 'nft', 13: 'ip6fw', 14: 'dec-rt', 15: 'uevent', 16: 'genl',
  18: 'scsitransport', 19: 'ecryptfs', 20: 'rdma', 21: 'crypto',
};
export const NETLINK = { ROUTE: 0, SOCK_DIAG: 4 } as const;

/** Kernel-side netlink sockets every namespace has; selinux and connector exist in the initial one only. */
const PER_NET_KERNEL = [0, 4, 6, 9, 10, 12, 15, 16];
const INIT_NET_ONLY = [7, 11];

/**
 * An AF_NETLINK socket. The kernel's own ones (portid 0) are created by the namespace's pernet
 * init; a program's (ss's NETLINK_SOCK_DIAG socket) gets its pid as port id, which is how ss finds
 * itself in its own `ss -a` output as `tcpdiag:ss/PID`.
 */
export class NetlinkSock extends Sock {
  /** Bytes queued while a dump is being answered (what ss sees of its own request). */
  pending = 0;

  constructor(stack: NetStack, readonly proto: number, readonly portid: number, owner: { euid: number }) {
    super(stack, 'netlink', 'raw', proto, owner);
  }

  get isKernel(): boolean { return this.portid === 0; }
  recvQ(): number { return this.pending; }
  sendQ(): number { return 0; }
  async read(_task: Task): Promise<string> { return ''; }
  async write(): Promise<void> { /* requests go through the NetApi calls */ }
  release(): void { this.unhash(); }
}

export function createKernelNetlinkSockets(stack: NetStack, initial: boolean): void {
  for (const p of [...PER_NET_KERNEL, ...(initial ? INIT_NET_ONLY : [])]) new NetlinkSock(stack, p, 0, { euid: 0 });
}
