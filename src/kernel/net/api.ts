/**
 * The network system calls programs reach through `sys.ext<NetApi>('net')`: a netlink-like query and
 * change interface for links, addresses and routes (what iproute2 sends as RTM_* messages), namespace
 * ids, BSD sockets, and the socket-diag dumps ss reads. Every value is as seen from the caller's
 * network namespace; every change needs CAP_NET_ADMIN (EPERM otherwise). Failures throw KernelError;
 * `detail`, when set, is the kernel's extack message (`Error: ...` in iproute2).
 */

export type AddrFamily = 4 | 6;

export interface LinkStats {
  rxBytes: number; rxPackets: number; rxErrors: number; rxDropped: number; rxMissed: number; multicast: number;
  txBytes: number; txPackets: number; txErrors: number; txDropped: number; txCarrier: number; collisions: number;
}

/** RTM_NEWLINK as a dump reports it. */
export interface LinkInfo {
  ifindex: number;
  name: string;
  /** IFF_* bits (UP, BROADCAST, LOOPBACK, RUNNING, LOWER_UP, MULTICAST, …). */
  flags: number;
  mtu: number;
  minMtu: number;
  maxMtu: number;
  /** Absent until the device was first brought up (iproute2 prints `noop`). */
  qdisc: string;
  operstate: string;
  linkmode: 'DEFAULT';
  group: number;
  txqlen: number;
  linkType: 'loopback' | 'ether';
  address: string;
  broadcast: string;
  /** IFLA_LINK: the veth peer's ifindex (in its own namespace). */
  link?: number;
  /** IFLA_LINK_NETNSID: present when the peer lives in another namespace. */
  linkNetnsid?: number;
  master?: number;
  /** IFLA_INFO_KIND ('' for lo and hardware). */
  kind: string;
  /** IFLA_INFO_SLAVE_KIND ('bridge' for a bridge port). */
  slaveKind?: string;
  promiscuity: number;
  allmulti: number;
  numTxQueues: number;
  numRxQueues: number;
  carrierChanges: number;
  stats: LinkStats;
  bridgePort?: { state: string; priority: number; cost: number; portNo: number; designatedBridge: string };
  bridge?: { bridgeId: string };
  addrGenMode: string;
  alias?: string;
}

/** RTM_NEWADDR. */
export interface AddrInfo {
  ifindex: number;
  family: AddrFamily;
  local: string;
  prefixlen: number;
  broadcast?: string;
  /** RT_SCOPE_* number. */
  scope: number;
  /** IFA_F_* including PERMANENT and TENTATIVE. */
  flags: number;
  /** IPv4 only. */
  label?: string;
  /** Seconds left, 0xffffffff = forever. */
  validLft: number;
  preferredLft: number;
  metric?: number;
}

/** RTM_NEWROUTE. */
export interface RouteInfo {
  family: AddrFamily;
  table: number;
  type: string;
  dst: string;
  dstLen: number;
  gateway?: string;
  oif?: number;
  protocol: number;
  scope: number;
  prefsrc?: string;
  metric?: number;
  /** RTNH_F_LINKDOWN: the device has no carrier. */
  linkdown: boolean;
  onlink?: boolean;
  /** IPv6 router preference (always medium here). */
  pref?: 'medium';
}

export interface RouteGetInfo extends RouteInfo {
  uid: number;
  /** RTCF_LOCAL for `cache <local>`. */
  local: boolean;
}

/** `ip netns add` and friends name a namespace by an open nsfs fd or by a pid. */
export type NetnsRef = { fd: number } | { pid: number };

export interface LinkAddRequest {
  name?: string;
  kind: 'veth' | 'bridge' | 'dummy';
  mtu?: number;
  address?: string;
  txqlen?: number;
  netns?: NetnsRef;
  up?: boolean;
  peer?: { name?: string; address?: string; netns?: NetnsRef; mtu?: number };
}

export interface LinkChange {
  up?: boolean;
  name?: string;
  mtu?: number;
  address?: string;
  txqlen?: number;
  /** A bridge's ifindex, or 0 for nomaster. */
  master?: number;
  netns?: NetnsRef;
  promisc?: boolean;
  alias?: string;
}

export interface AddrRequest {
  dev: number;
  family: AddrFamily;
  local: string;
  prefixlen: number;
  /** Explicit broadcast, or '+' for the subnet's (ip addr add ... brd +). */
  broadcast?: string;
  scope?: number;
  label?: string;
  /** IFA_F_NODAD, IFA_F_NOPREFIXROUTE, … */
  flags?: number;
  validLft?: number;
  preferredLft?: number;
  metric?: number;
}

export interface RouteRequest {
  family: AddrFamily;
  table?: number;
  type?: string;
  dst: string;
  dstLen: number;
  gateway?: string;
  oif?: number;
  protocol?: number;
  scope?: number;
  prefsrc?: string;
  metric?: number;
  onlink?: boolean;
}

export type SockAddr =
  | { family: 4 | 6; addr: string; port: number }
  | { family: 'unix'; path: string };

export interface SockDiag {
  /** 'tcp' | 'udp' | 'u_str' | 'u_dgr' | 'u_seq' | 'nl' */
  netid: string;
  family: 'inet' | 'inet6' | 'unix' | 'netlink';
  /** TCP state number (1 ESTABLISHED … 10 LISTEN; 7 CLOSE = UNCONN). */
  state: number;
  recvQ: number;
  sendQ: number;
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  /** Bound device (`127.0.0.53%lo`). */
  dev?: string;
  /** Socket inode (0 for TIME-WAIT entries), matched against /proc/PID/fd links by ss -p. */
  ino: number;
  uid: number;
  cookie: number;
  v6only?: boolean;
  /** unix: the bound name or null; netlink: protocol number and port id. */
  path?: string | null;
  nlProto?: number;
  nlPortid?: number;
}

export interface PingReply {
  kind: 'reply' | 'error';
  from: string;
  family: AddrFamily;
  seq: number;
  ttl?: number;
  bytes?: number;
  code?: 'host' | 'net';
  /** Receive time, ms since the epoch with sub-millisecond precision. */
  time: number;
}

export interface NetApi {
  // — rtnetlink dumps —
  links(): LinkInfo[];
  /** One link by name (RTM_GETLINK with IFLA_IFNAME, as `ip link show NAME` asks): no full dump. */
  link(name: string): LinkInfo | undefined;
  addrs(family?: AddrFamily): AddrInfo[];
  routes(family: AddrFamily, table?: number): RouteInfo[];
  routeGet(family: AddrFamily, dst: string, opts?: { from?: string; oif?: number }): RouteGetInfo;

  // — rtnetlink changes (CAP_NET_ADMIN) —
  linkAdd(req: LinkAddRequest): void;
  linkSet(ifindex: number, change: LinkChange): void;
  linkDel(ifindex: number): void;
  addrAdd(req: AddrRequest, replace?: boolean): void;
  addrDel(req: AddrRequest): void;
  routeAdd(req: RouteRequest, mode?: 'create' | 'replace' | 'append'): void;
  routeDel(req: Partial<RouteRequest> & { family: AddrFamily; dst: string; dstLen: number }): void;

  // — namespace ids (RTM_GETNSID / RTM_NEWNSID) —
  /** The id the caller's namespace gives the namespace behind `ns`, or -1. */
  nsidOf(ns: NetnsRef): number;
  nsidSet(ns: NetnsRef, id: number): void;
  nsidList(): Array<{ nsid: number; inum: number }>;
  /**
   * Wait until no address in the caller's namespace is tentative (DAD done); with `ifindex`, only
   * that device's addresses (DAD runs per address, so the others' timers do not concern it).
   */
  settleDad(ifindex?: number): Promise<void>;

  // — sockets —
  socket(domain: 'inet' | 'inet6' | 'unix' | 'netlink', type: 'stream' | 'dgram' | 'raw', protocol?: number): number;
  socketpair(type: 'stream' | 'dgram'): [number, number];
  bind(fd: number, addr: SockAddr): void;
  listen(fd: number, backlog: number): void;
  accept(fd: number): Promise<{ fd: number; peer: SockAddr }>;
  connect(fd: number, addr: SockAddr): Promise<void>;
  sendto(fd: number, data: string, to?: SockAddr): Promise<number>;
  recvfrom(fd: number): Promise<{ data: string; from: SockAddr | null }>;
  shutdown(fd: number, how: 'rd' | 'wr' | 'rdwr'): void;
  getsockname(fd: number): SockAddr;
  getpeername(fd: number): SockAddr;
  setsockopt(fd: number, opt: 'SO_REUSEADDR' | 'IPV6_V6ONLY' | 'SO_BINDTODEVICE', value: number | string): void;

  // — ICMP echo (ping sockets) —
  pingOpen(family: AddrFamily): number;
  pingSend(fd: number, dst: string, seq: number, dataLen: number): number;
  pingRecv(fd: number, deadline?: number): Promise<PingReply | null>;

  // — socket diag (inet_diag / unix_diag / netlink_diag) —
  sockDiag(kinds: Array<'tcp' | 'udp' | 'unix' | 'netlink'>, requester?: number): SockDiag[];
}
