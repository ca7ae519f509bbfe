/**
 * Go's time formats as the Engine API emits them: RFC 3339 with nanoseconds for container times
 * (`2026-11-29T09:13:05.123456789Z`), plain RFC 3339 for volumes; Go's zero time when unset.
 */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function iso(ms: number, plain = false): string {
  if (!ms) return ZERO_TIME;
  const s = new Date(Math.floor(ms)).toISOString();
  if (plain) return s.replace(/\.\d{3}Z$/, 'Z');
  // Millisecond clock, nanosecond format: the sub-millisecond digits are a fixed pattern.
  const frac = String(Math.floor(ms) % 1000).padStart(3, '0');
  return s.replace(/\.\d{3}Z$/, `.${frac}${String((Math.floor(ms) * 7919) % 1000000).padStart(6, '0')}Z`.replace(/0+Z$/, 'Z'));
}
