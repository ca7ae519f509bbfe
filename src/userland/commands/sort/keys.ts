import {
  cmpStr, generalCompare, humanCompare, monthCompare, numCompare, versionCompare,
} from './compare.ts';

/** One -k key (or the global options as a whole-line key), as coreutils' struct keyfield. */
export interface Key {
  /** 0-based start field, or -1 (SIZE_MAX) for the line start. */
  sword: number;
  schar: number;
  /** 0-based end field, or -1 for the end of the line. */
  eword: number;
  echar: number;
  skipsblanks: boolean;
  skipeblanks: boolean;
  ignore: 'dict' | 'print' | null;
  translate: boolean;
  numeric: boolean;
  general: boolean;
  human: boolean;
  month: boolean;
  version: boolean;
  random: boolean;
  reverse: boolean;
}

export function newKey(): Key {
  return {
    sword: -1, schar: 0, eword: -1, echar: 0, skipsblanks: false, skipeblanks: false, ignore: null,
    translate: false, numeric: false, general: false, human: false, month: false, version: false,
    random: false, reverse: false,
  };
}

export class KeySpecError extends Error {}

/** The ordering letters of a key, as sort's key_to_opts() lists them. */
export function keyOpts(k: Key): string {
  return (k.skipsblanks || k.skipeblanks ? 'b' : '') + (k.ignore === 'dict' ? 'd' : '') + (k.translate ? 'f' : '')
    + (k.general ? 'g' : '') + (k.human ? 'h' : '') + (k.ignore === 'print' ? 'i' : '') + (k.month ? 'M' : '')
    + (k.numeric ? 'n' : '') + (k.random ? 'R' : '') + (k.reverse ? 'r' : '') + (k.version ? 'V' : '');
}

export function defaultCompare(k: Key): boolean {
  return !(k.ignore || k.translate || k.skipsblanks || k.skipeblanks || k.numeric || k.general || k.human
    || k.month || k.version || k.random);
}

/** Apply ordering letters; returns the index of the first character that is not one. */
export function setOrdering(s: string, i: number, k: Key, end: boolean | null): number {
  for (; i < s.length; i++) {
    switch (s[i]) {
      case 'b': if (end === null || !end) k.skipsblanks = true; if (end === null || end) k.skipeblanks = true; break;
      case 'd': k.ignore = 'dict'; break;
      case 'f': k.translate = true; break;
      case 'g': k.general = true; break;
      case 'h': k.human = true; break;
      case 'i': if (!k.ignore) k.ignore = 'print'; break;
      case 'M': k.month = true; break;
      case 'n': k.numeric = true; break;
      case 'R': k.random = true; break;
      case 'r': k.reverse = true; break;
      case 'V': k.version = true; break;
      default: return i;
    }
  }
  return i;
}

/** Parse -k POS1[,POS2]; `q` quotes a string for diagnostics. */
export function parseKeySpec(spec: string, q: (s: string) => string): Key {
  const k = newKey();
  let i = 0;
  const count = (what: string): number => {
    const m = /^\d+/.exec(spec.slice(i));
    if (!m) throw new KeySpecError(`${what}: invalid count at start of ${q(spec.slice(i))}`);
    i += m[0].length;
    return Number(m[0]) > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : Number(m[0]);
  };
  const bad = (what: string) => new KeySpecError(`${what}: invalid field specification ${q(spec)}`);
  k.sword = count('invalid number at field start') - 1;
  if (k.sword < 0) throw bad('field number is zero');
  if (spec[i] === '.') {
    i++;
    k.schar = count("invalid number after '.'") - 1;
    if (k.schar < 0) throw bad('character offset is zero');
  }
  if (k.sword === 0 && k.schar === 0) k.sword = -1;
  i = setOrdering(spec, i, k, false);
  if (spec[i] === ',') {
    i++;
    k.eword = count("invalid number after ','") - 1;
    if (k.eword < 0) throw bad('field number is zero');
    if (spec[i] === '.') { i++; k.echar = count("invalid number after '.'"); }
    i = setOrdering(spec, i, k, true);
  }
  if (i < spec.length) throw bad('stray character in field spec');
  return k;
}

const blank = (c: string) => c === ' ' || c === '\t' || c === '\n';

function begfield(line: string, k: Key, tab: string | null): number {
  let p = 0;
  const lim = line.length;
  let sword = k.sword;
  if (tab !== null) {
    while (p < lim && sword--) {
      while (p < lim && line[p] !== tab) p++;
      if (p < lim) p++;
    }
  } else {
    while (p < lim && sword--) {
      while (p < lim && blank(line[p])) p++;
      while (p < lim && !blank(line[p])) p++;
    }
  }
  if (k.skipsblanks) while (p < lim && blank(line[p])) p++;
  return Math.min(lim, p + k.schar);
}

function limfield(line: string, k: Key, tab: string | null): number {
  let p = 0;
  const lim = line.length;
  let eword = k.eword;
  const echar = k.echar;
  if (echar === 0) eword++;
  if (tab !== null) {
    while (p < lim && eword--) {
      while (p < lim && line[p] !== tab) p++;
      if (p < lim && (eword || echar)) p++;
    }
  } else {
    while (p < lim && eword--) {
      while (p < lim && blank(line[p])) p++;
      while (p < lim && !blank(line[p])) p++;
    }
  }
  if (echar !== 0) {
    if (k.skipeblanks) while (p < lim && blank(line[p])) p++;
    p = Math.min(lim, p + echar);
  }
  return p;
}

/** The text of key `k` in `line`. */
export function keyText(line: string, k: Key, tab: string | null): string {
  const lim = k.eword < 0 ? line.length : limfield(line, k, tab);
  let beg: number;
  if (k.sword >= 0) beg = begfield(line, k, tab);
  else {
    beg = 0;
    if (k.skipsblanks) while (beg < lim && blank(line[beg])) beg++;
  }
  return lim > beg ? line.slice(beg, lim) : '';
}

/** Apply -d/-i (drop characters) and -f (fold to upper case); sort's tables are per byte, so only ASCII is kept. */
function massage(s: string, k: Key): string {
  if (k.ignore === 'dict') s = s.replace(/[^A-Za-z0-9 \t]/g, '');
  else if (k.ignore === 'print') s = s.replace(/[^\x20-\x7e]/g, '');
  if (k.translate) s = s.replace(/[a-z]/g, (c) => c.toUpperCase());
  return s;
}

/** FNV-1a, salted: -R orders by a random hash of the key, so equal keys stay together. */
function hash(s: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function keyCompare(a: string, b: string, keys: Key[], tab: string | null, salt: number): number {
  for (const k of keys) {
    const ta = massage(keyText(a, k, tab), k);
    const tb = massage(keyText(b, k, tab), k);
    let d: number;
    if (k.numeric) d = numCompare(ta, tb);
    else if (k.general) d = generalCompare(ta, tb);
    else if (k.human) d = humanCompare(ta, tb);
    else if (k.month) d = monthCompare(ta, tb);
    else if (k.random) d = Math.sign(hash(ta, salt) - hash(tb, salt)) || cmpStr(ta, tb);
    else if (k.version) d = versionCompare(ta, tb);
    else d = cmpStr(ta, tb);
    if (d) return k.reverse ? -d : d;
  }
  return 0;
}
