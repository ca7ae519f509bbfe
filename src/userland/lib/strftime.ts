/**
 * strftime(3) as GNU date uses it (gnulib nstrftime): flags `-` `_` `0` `^` `#`, field widths,
 * `%N`, `%:z`. The system clock runs in UTC, so the zone is always UTC / +0000. Two locales matter:
 * C and en_US (the Arch host's LANG), which differ in %c, %x, %X and date's default format.
 */
export type TimeLocale = 'C' | 'en_US';

export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const LOCALE_FMT: Record<TimeLocale, { c: string; x: string; X: string; r: string; date: string }> = {
  C: { c: '%a %b %e %H:%M:%S %Y', x: '%m/%d/%y', X: '%H:%M:%S', r: '%I:%M:%S %p', date: '%a %b %e %H:%M:%S %Z %Y' },
  en_US: { c: '%a %d %b %Y %r %Z', x: '%m/%d/%Y', X: '%r', r: '%I:%M:%S %p', date: '%a %b %e %r %Z %Y' },
};

/** The LC_TIME locale from the environment (anything English-US counts as en_US, the rest as C). */
export function timeLocale(env: Map<string, string>): TimeLocale {
  const loc = env.get('LC_ALL') || env.get('LC_TIME') || env.get('LANG') || 'C';
  return loc.startsWith('en_US') ? 'en_US' : 'C';
}

/** date(1)'s default format (nl_langinfo(_DATE_FMT)). */
export function dateFormat(loc: TimeLocale): string {
  return LOCALE_FMT[loc].date;
}

function isoWeek(d: Date): { year: number; week: number } {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const thursday = day + (3 - ((d.getUTCDay() + 6) % 7)) * 86400000;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 86400000 / 7) };
}

/** Format `ms` (epoch milliseconds, with `nanos` overriding the sub-second part if given). */
export function strftime(fmt: string, ms: number, loc: TimeLocale = 'C', nanos?: number): string {
  const d = new Date(ms);
  const ns = nanos ?? (((ms % 1000) + 1000) % 1000) * 1e6;
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') { out += fmt[i]; continue; }
    const start = i;
    let flag = '';
    let upper = false, swap = false;
    while ('-_0^#'.includes(fmt[i + 1] ?? 'x')) {
      const f = fmt[++i];
      if (f === '^') upper = true; else if (f === '#') swap = true; else flag = f;
    }
    let widthStr = '';
    while (/[0-9]/.test(fmt[i + 1] ?? '')) widthStr += fmt[++i];
    let colons = 0;
    while (fmt[i + 1] === ':') { colons++; i++; }
    if (fmt[i + 1] === 'E' || fmt[i + 1] === 'O') i++;
    const conv = fmt[++i];
    if (conv === undefined) { out += fmt.slice(start); break; }
    const width = widthStr ? Number(widthStr) : undefined;
    const num = (v: number, w: number, pad = '0') => {
      const p = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : pad;
      const s = String(Math.abs(v));
      const ww = width ?? w;
      const sign = v < 0 ? '-' : '';
      if (!p) return sign + s;
      return p === ' ' ? (sign + s).padStart(ww, ' ') : sign + s.padStart(ww - sign.length, '0');
    };
    const str = (s: string) => {
      let r = upper ? s.toUpperCase() : swap ? (s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase()) : s;
      if (width !== undefined && r.length < width) r = r.padStart(width, flag === '0' ? '0' : ' ');
      return r;
    };
    const sub = (f: string) => str(strftime(f, ms, loc, nanos));
    const h12 = d.getUTCHours() % 12 || 12;
    switch (conv) {
      case 'a': out += str(DAYS[d.getUTCDay()].slice(0, 3)); break;
      case 'A': out += str(DAYS[d.getUTCDay()]); break;
      case 'b': case 'h': out += str(MONTHS[d.getUTCMonth()].slice(0, 3)); break;
      case 'B': out += str(MONTHS[d.getUTCMonth()]); break;
      case 'c': out += sub(LOCALE_FMT[loc].c); break;
      case 'C': out += num(Math.floor(d.getUTCFullYear() / 100), 2); break;
      case 'd': out += num(d.getUTCDate(), 2); break;
      case 'D': out += sub('%m/%d/%y'); break;
      case 'e': out += num(d.getUTCDate(), 2, ' '); break;
      case 'F': out += sub('%Y-%m-%d'); break;
      case 'g': out += num(isoWeek(d).year % 100, 2); break;
      case 'G': out += num(isoWeek(d).year, 1); break;
      case 'H': out += num(d.getUTCHours(), 2); break;
      case 'I': out += num(h12, 2); break;
      case 'j': out += num(yday + 1, 3); break;
      case 'k': out += num(d.getUTCHours(), 2, ' '); break;
      case 'l': out += num(h12, 2, ' '); break;
      case 'm': out += num(d.getUTCMonth() + 1, 2); break;
      case 'M': out += num(d.getUTCMinutes(), 2); break;
      case 'n': out += '\n'; break;
      case 'N': {
        const digits = String(ns).padStart(9, '0');
        out += width !== undefined ? digits.slice(0, width).padEnd(width, '0') : digits;
        break;
      }
      case 'p': out += str(d.getUTCHours() < 12 ? 'AM' : 'PM'); break;
      case 'P': out += str(d.getUTCHours() < 12 ? 'am' : 'pm'); break;
      case 'q': out += num(Math.floor(d.getUTCMonth() / 3) + 1, 1); break;
      case 'r': out += sub(LOCALE_FMT[loc].r); break;
      case 'R': out += sub('%H:%M'); break;
      case 's': out += num(Math.floor(ms / 1000), 1); break;
      case 'S': out += num(d.getUTCSeconds(), 2); break;
      case 't': out += '\t'; break;
      case 'T': out += sub('%H:%M:%S'); break;
      case 'u': out += num(d.getUTCDay() || 7, 1); break;
      case 'U': out += num(Math.floor((yday + 7 - d.getUTCDay()) / 7), 2); break;
      case 'V': out += num(isoWeek(d).week, 2); break;
      case 'w': out += num(d.getUTCDay(), 1); break;
      case 'W': out += num(Math.floor((yday + 7 - ((d.getUTCDay() + 6) % 7)) / 7), 2); break;
      case 'x': out += sub(LOCALE_FMT[loc].x); break;
      case 'X': out += sub(LOCALE_FMT[loc].X); break;
      case 'y': out += num(d.getUTCFullYear() % 100, 2); break;
      case 'Y': out += num(d.getUTCFullYear(), 1); break;
      case 'z': out += ['+0000', '+00:00', '+00:00:00', '+00'][Math.min(colons, 3)]; break;
      case 'Z': out += str('UTC'); break;
      case '%': out += '%'; break;
      default: out += fmt.slice(start, i + 1);
    }
  }
  return out;
}
