import { formatIpv4, parseIpv4 } from '../../kernel/net/inet.ts';
import { DaemonError } from '../../userland/commands/docker/api.ts';

/**
 * A Docker network (libnetwork): the predefined `bridge` (docker0), `host` and `none`, and
 * user-defined bridges `br-<12 hex>` with their own /16 from 172.18.0.0 on. IPAM hands out
 * addresses from .2 (the gateway is .1), the lowest free one first.
 */
export class Network {
  /** Addresses in use, as offsets into the subnet. */
  private readonly used = new Set<number>();
  /** Container id → endpoint aliases, for containers connected while stopped or running. */
  readonly members = new Map<string, { aliases: string[] }>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly driver: 'bridge' | 'host' | 'null',
    readonly created: number,
    /** Linux bridge device (`docker0`, `br-…`); '' for host/none. */
    readonly bridge: string,
    readonly subnet: string,
    readonly gateway: string,
    readonly internal: boolean,
    readonly predefined: boolean,
  ) {}

  get shortId(): string { return this.id.slice(0, 12); }
  get prefixLen(): number { return Number(this.subnet.split('/')[1] ?? 0); }
  /** User-defined networks get Docker's embedded DNS (name resolution between members). */
  get userDefined(): boolean { return !this.predefined; }

  allocate(): string {
    const base = parseIpv4(this.subnet.split('/')[0])!;
    const size = 2 ** (32 - this.prefixLen);
    const gw = Number(parseIpv4(this.gateway)! - base);
    for (let off = 2; off < size - 1; off++) {
      if (off === gw || this.used.has(off)) continue;
      this.used.add(off);
      return formatIpv4(base + BigInt(off));
    }
    throw new DaemonError(500, `no available IPv4 addresses on this network's address pools: ${this.name} (${this.id})`);
  }

  release(ip: string): void {
    const base = parseIpv4(this.subnet.split('/')[0])!;
    const v = parseIpv4(ip);
    if (v !== null) this.used.delete(Number(v - base));
  }
}

/** Docker's MAC for an IPv4 endpoint: 02:42 followed by the four address bytes (genMAC). */
export function macFor(ip: string): string {
  return ['02', '42', ...ip.split('.').map((b) => Number(b).toString(16).padStart(2, '0'))].join(':');
}
