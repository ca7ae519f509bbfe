import type { Namespace } from '../ns/NsCommon.ts';

/**
 * A network namespace. Subsystems (devices, addresses, routes, socket tables) attach their per-namespace
 * state through `pernet` initialisers, as Linux's `register_pernet_subsys` does, so the network stack
 * can grow without touching namespace creation.
 */
export class NetNamespace implements Namespace {
  readonly type = 'net' as const;
  /** Per-subsystem state, keyed by subsystem name. */
  readonly pernet = new Map<string, unknown>();
  constructor(readonly inum: number, readonly owner: Namespace | null) {}
}

export interface PernetOps {
  readonly name: string;
  init(ns: NetNamespace): void;
  exit?(ns: NetNamespace): void;
}
