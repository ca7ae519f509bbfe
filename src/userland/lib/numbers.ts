/**
 * gnulib's xstrtoumax as coreutils' head/tail/split use it: a decimal count with an optional
 * multiplier suffix (b = 512, k/K = 1024, kB = 1000, KiB = 1024, M, MB, MiB, … up to Q).
 */
export type ParsedCount = { value: number } | { error: 'invalid' | 'overflow' };

const POWERS = 'KMGTPEZYRQ';
const UINTMAX = (1n << 64n) - 1n;

export function parseCount(s: string, allowSuffix = true): ParsedCount {
  const m = /^\s*\+?(\d+)(.*)$/s.exec(s);
  if (!m) return { error: 'invalid' };
  let n = BigInt(m[1]);
  const suf = m[2];
  if (suf) {
    if (!allowSuffix) return { error: 'invalid' };
    let mult: bigint;
    const sm = /^([bkKMGTPEZYRQ])(B|iB)?$/.exec(suf);
    if (!sm) return { error: 'invalid' };
    if (sm[1] === 'b') {
      if (sm[2]) return { error: 'invalid' };
      mult = 512n;
    } else {
      const exp = BigInt(POWERS.indexOf(sm[1].toUpperCase()) + 1);
      mult = (sm[2] === 'B' ? 1000n : 1024n) ** exp;
    }
    n *= mult;
  }
  if (n > UINTMAX) return { error: 'overflow' };
  return { value: Number(n) };
}

/** The message tail added when parseCount overflowed (EOVERFLOW's strerror). */
export const OVERFLOW_TEXT = 'Value too large for defined data type';
