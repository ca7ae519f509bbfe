import type { NetStack } from './NetStack.ts';
import type { Ifa4, Ifa6 } from './addrTypes.ts';

/** include/uapi/linux/if.h: net_device_flags as RTM_NEWLINK reports them (ifi_flags). */
export const IFF = {
  UP: 0x1, BROADCAST: 0x2, DEBUG: 0x4, LOOPBACK: 0x8, POINTOPOINT: 0x10, NOTRAILERS: 0x20, RUNNING: 0x40,
  NOARP: 0x80, PROMISC: 0x100, ALLMULTI: 0x200, MASTER: 0x400, SLAVE: 0x800, MULTICAST: 0x1000,
  PORTSEL: 0x2000, AUTOMEDIA: 0x4000, DYNAMIC: 0x8000, LOWER_UP: 0x10000, DORMANT: 0x20000, ECHO: 0x40000,
} as const;

export type DevKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'dummy';
export type OperState = 'UNKNOWN' | 'NOTPRESENT' | 'DOWN' | 'LOWERLAYERDOWN' | 'TESTING' | 'DORMANT' | 'UP';
/** Bridge port states (br_private.h BR_STATE_*), as `bridge link` names them. */
export type BrPortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';

/** struct rtnl_link_stats64, the part /proc/net/dev and `ip -s link` show. */
export class DevStats {
  rxBytes = 0; rxPackets = 0; rxErrors = 0; rxDropped = 0; rxMissed = 0; multicast = 0;
  txBytes = 0; txPackets = 0; txErrors = 0; txDropped = 0; txCarrier = 0; collisions = 0;
  rx(bytes: number): void { this.rxBytes += bytes; this.rxPackets++; }
  tx(bytes: number): void { this.txBytes += bytes; this.txPackets++; }
}

/** What `bridge link` and `ip -d link` print for a bridge port (struct net_bridge_port). */
export interface BridgePort {
  state: BrPortState;
  portNo: number;
  priority: number;
  cost: number;
}

/**
 * The far side of a physical NIC's cable (VirtualBox's NAT engine in the default profile): the
 * gateway and a few LAN hosts answer pings, and with `internet` so does any public IPv4 address.
 */
export interface Uplink {
  readonly gateway: bigint;
  readonly hosts: bigint[];
  readonly lanTtl: number;
  readonly internet: { ttl: number; rttMs: number } | null;
}

/**
 * A network device (struct net_device). Data only, with its owner noted per field: link.ts changes
 * state, addrconf.ts addresses, forward.ts counters. `ns` is the namespace it is registered in.
 */
export class NetDevice {
  /** Set by register (link.ts); unique within `ns`. */
  ifindex = 0;
  name: string;
  readonly kind: DevKind;
  ns!: NetStack;
  mtu: number;
  readonly minMtu: number;
  readonly maxMtu: number;
  mac: string;
  /** addr_assign_type: NET_ADDR_PERM, RANDOM or SET (a bridge with a random MAC adopts its ports'). */
  macAssign: 'perm' | 'random' | 'set';
  readonly broadcast: string;
  txqlen: number;
  /** IFF_UP as the administrator set it. */
  adminUp = false;
  /** netif_carrier_ok; kept by link.ts (veth: both ends up; bridge: a forwarding port). */
  carrier = false;
  /** Attached qdisc: none until first opened (`noop`), then the default for the device. */
  qdisc: string | null = null;
  readonly group = 0;
  /** User-set flags (dev->gflags): only PROMISC/ALLMULTI from `ip link set promisc on`. */
  gflags = 0;
  promiscuity = 0;
  allmulti = 0;
  readonly numTxQueues: number;
  readonly numRxQueues: number;
  alias = '';
  readonly stats = new DevStats();
  carrierChanges = 0;
  /** Still registered (false once unregistered: stale references see a dead device). */
  registered = false;

  // veth
  peer: NetDevice | null = null;
  // bridge ports and the bridge they belong to
  master: NetDevice | null = null;
  readonly ports: NetDevice[] = [];
  brPort: BridgePort | null = null;
  // ipv4/ipv6 state (addrconf.ts)
  readonly addrs4: Ifa4[] = [];
  readonly addrs6: Ifa6[] = [];
  disableIpv6 = false;
  addrGenMode: 'eui64' | 'none' = 'eui64';
  /** A physical NIC's wire (setupHostNetwork); absent for virtual devices. */
  uplink: Uplink | null = null;

  constructor(opts: {
    name: string; kind: DevKind; mac: string; macAssign?: NetDevice['macAssign']; mtu?: number; txqlen?: number;
  }) {
    this.name = opts.name;
    this.kind = opts.kind;
    this.mac = opts.mac;
    this.macAssign = opts.macAssign ?? 'random';
    const lo = opts.kind === 'loopback';
    this.broadcast = lo ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
    this.mtu = opts.mtu ?? (lo ? 65536 : 1500);
    this.minMtu = lo ? 0 : 68;
    this.maxMtu = lo ? -1 : opts.kind === 'ether' ? 16110 : 65535;
    this.txqlen = opts.txqlen ?? 1000;
    // veth gets one queue per possible CPU; the fixture VM has two.
    this.numTxQueues = opts.kind === 'veth' ? 2 : 1;
    this.numRxQueues = this.numTxQueues;
    if (lo || opts.kind === 'ether' || opts.kind === 'dummy') this.carrier = true;
  }

  get running(): boolean { return this.adminUp && this.carrier; }

  /** dev_get_flags: administrative flags plus RUNNING/LOWER_UP from the carrier. */
  get flags(): number {
    let f = this.kind === 'loopback' ? IFF.LOOPBACK : this.kind === 'dummy' ? IFF.BROADCAST | IFF.NOARP : IFF.BROADCAST | IFF.MULTICAST;
    if (this.adminUp) f |= IFF.UP;
    if (this.running) f |= IFF.RUNNING | IFF.LOWER_UP;
    return f | this.gflags;
  }

  /** dev->iflink: the veth peer's index, else the device's own. */
  get iflink(): number { return this.peer ? this.peer.ifindex : this.ifindex; }

  /** rfc2863_policy (net/core/link_watch.c). */
  get operstate(): OperState {
    if (!this.adminUp) return 'DOWN';
    if (!this.carrier) return this.iflink !== this.ifindex ? 'LOWERLAYERDOWN' : 'DOWN';
    return this.kind === 'loopback' || this.kind === 'dummy' ? 'UNKNOWN' : 'UP';
  }

  /** IFLA_INFO_KIND ('' for devices without rtnl_link_ops, such as lo and a NIC). */
  get infoKind(): string { return this.kind === 'veth' || this.kind === 'bridge' || this.kind === 'dummy' ? this.kind : ''; }

  /** Devices that cannot change namespace (NETIF_F_NETNS_LOCAL): lo and bridges. */
  get netnsLocal(): boolean { return this.kind === 'loopback' || this.kind === 'bridge'; }
}
