/**
 * go-units as Docker uses it: HumanDuration ("Up 3 seconds", "2 weeks ago") and
 * HumanSizeWithPrecision (decimal units: "1.53GB", "7.83MB").
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600_000 / 24 / 365)} years`;
}

/** `%.3g` followed by the decimal unit, as units.HumanSizeWithPrecision(size, 3). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${formatG3(v)}${units[i]}`;
}

/** Go's %.3g for 0 < v < 1000: three significant digits, trailing zeros dropped. */
function formatG3(v: number): string {
  if (v === 0) return '0';
  const s = v.toPrecision(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
