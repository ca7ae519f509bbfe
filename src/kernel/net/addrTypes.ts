/** include/uapi/linux/if_addr.h: address flags as RTM_NEWADDR reports them. */
export const IFA_F = {
  SECONDARY: 0x01, NODAD: 0x02, OPTIMISTIC: 0x04, DADFAILED: 0x08, HOMEADDRESS: 0x10, DEPRECATED: 0x20,
  TENTATIVE: 0x40, PERMANENT: 0x80, MANAGETEMPADDR: 0x100, NOPREFIXROUTE: 0x200, MCAUTOJOIN: 0x400,
  STABLE_PRIVACY: 0x800,
} as const;

/** RT_SCOPE_* (rtnetlink.h). */
export const SCOPE = { UNIVERSE: 0, SITE: 200, LINK: 253, HOST: 254, NOWHERE: 255 } as const;

/** Lifetimes in seconds; INFINITY_LIFE_TIME is "forever". */
export const INFINITY_LIFE_TIME = 0xffffffff;

/**
 * A DHCP lease the host's client keeps renewing at T1 (half the lease), as systemd-networkd does:
 * the address's remaining lifetime counts down from `lease` and jumps back up at each renewal.
 */
export interface DhcpLease {
  lease: number;
  /** When the lease (or its last renewal) started, ms since the epoch. */
  obtained: number;
}

interface IfaCommon {
  local: bigint;
  prefixlen: number;
  scope: number;
  /** IFA_F_* except PERMANENT and TENTATIVE, which are derived (lifetimes, DAD). */
  flags: number;
  validLft: number;
  preferredLft: number;
  /** When the lifetimes were last set (ms). */
  tstamp: number;
  /** IFA_RT_PRIORITY: metric of the prefix route. */
  metric: number;
  dhcp?: DhcpLease;
}

/** struct in_ifaddr. */
export interface Ifa4 extends IfaCommon {
  broadcast?: bigint;
  label: string;
}

/** struct inet6_ifaddr. `dadUntil`: tentative until this time (duplicate address detection). */
export interface Ifa6 extends IfaCommon {
  dadUntil?: number;
}
