/**
 * The namespace map's data: what the layout functions produce (boxes, chips, links) and the shared
 * builder and measures they use. See mapLayout.ts for the overall picture.
 */
import type { NamespaceSnapshot, ProcessInfo, PidNsNode } from '../../sandbox/snapshot.ts';

export type Tone = 'host' | 'own';

export interface MapNode {
  id: string;
  kind: 'section' | 'ns' | 'proc' | 'dev';
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  /** Second line (addresses, hostnames, counts). */
  detail?: string;
  /** More lines, for mount namespaces' bind mounts. */
  lines?: string[];
  tone: Tone;
  /** The command that inspects this node (typed into the terminal on click). */
  command?: string;
  /** What a screen reader says for it. */
  label: string;
}

export interface MapLink {
  id: string;
  kind: 'veth' | 'port';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: MapNode[];
  links: MapLink[];
}

export const PAD = 8;
export const GAP = 8;
export const TITLE = 20;
export const ROW = 16;
export const CHIP_W = 116;
export const CHIP_H = 32;
export const SECTION = 24;
/** Approximate width of a character of the map's 11 px monospace font. */
export const CHAR_W = 6.7;

export function fit(text: string, width: number): string {
  const max = Math.max(3, Math.floor(width / CHAR_W));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function columns(inner: number, minWidth: number): { cols: number; w: number } {
  const cols = Math.max(1, Math.floor((inner + GAP) / (minWidth + GAP)));
  return { cols, w: (inner - (cols - 1) * GAP) / cols };
}

/** Host processes worth showing: init, the container engine, and whatever starts a container. */
/** Collects nodes and links while the section layouts place them. */
export class MapBuilder {
  readonly nodes: MapNode[] = [];
  readonly links: MapLink[] = [];
  /** Host-side center of each device chip, by `netns/ifindex`, to draw veth links. */
  readonly chips = new Map<string, { x: number; top: number; bottom: number; left: number; right: number; mid: number }>();

  /** Every process by host pid, to name a namespace after its first process. */
  readonly procs = new Map<number, ProcessInfo>();

  constructor(
    readonly snap: NamespaceSnapshot,
    readonly width: number,
  ) {
    const walk = (n: PidNsNode) => {
      for (const p of n.processes) this.procs.set(p.hostPid, p);
      n.children.forEach(walk);
    };
    walk(snap.pidTree);
  }

  /** Who uses a namespace, in words: `host`, container hostnames, or ip netns names. */
  owners(kind: 'pid' | 'net' | 'mnt', inum: number, names: string[] = [], pids: number[] = []): string {
    if (inum === this.snap.host[kind]) return 'host';
    const hosts = [...new Set(this.snap.isolated.filter((r) => r.ns[kind] === inum).map((r) => r.hostname))];
    const all = [...names.map((n) => `netns ${n}`), ...hosts];
    if (all.length) return all.join(', ');
    const first = pids.map((p) => this.procs.get(p)).find(Boolean);
    return first ? first.comm : 'unused';
  }

  section(title: string, y: number): number {
    this.nodes.push({ id: `section-${title}`, kind: 'section', x: 0, y, w: this.width, h: SECTION, title, tone: 'host', label: title });
    return y + SECTION;
  }
}

export function grid<T>(items: T[], x: number, y: number, w: number, minW: number, place: (item: T, x: number, y: number, w: number) => number): number {
  const { cols, w: cw } = columns(w, minW);
  let cy = y;
  for (let i = 0; i < items.length; i += cols) {
    let rowH = 0;
    items.slice(i, i + cols).forEach((item, j) => {
      rowH = Math.max(rowH, place(item, x + j * (cw + GAP), cy, cw));
    });
    cy += rowH + GAP;
  }
  return cy;
}

