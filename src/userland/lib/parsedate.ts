import { MONTHS, DAYS } from './strftime.ts';

/**
 * The commonly typed subset of gnulib parse_datetime (date -d, touch -d), in UTC: `now`, `today`,
 * `yesterday`, `tomorrow`, `@EPOCH`, `2026-11-29`, `2026-11-29 09:13[:00[.5]]`, `…T…`, a trailing
 * `Z`/`UTC`/`+hh[:]mm`, `09:13`, `Nov 28 [2025]`, `28 Nov [2025]`, `next/last DAY`, and relative
 * items (`1 hour ago`, `+3 days`, `2 weeks`). Returns epoch milliseconds, or null if not understood.
 */
export function parseDate(text: string, now: number): number | null {
  let s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return startOfDay(now);
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) return Math.round(Number(epoch[1]) * 1000);
  const base = new Date(now);
  let y = base.getUTCFullYear(), mo = base.getUTCMonth(), d = base.getUTCDate();
  let h = base.getUTCHours(), mi = base.getUTCMinutes(), sec = base.getUTCSeconds(), ms = base.getUTCMilliseconds();
  let offsetMin = 0;
  let dateSet = false, timeSet = false;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m) s = (s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length)).trim();
    return m;
  };
  const monthIdx = (name: string) => MONTHS.findIndex((m) => m.toLowerCase().startsWith(name.slice(0, 3)));
  let m: RegExpExecArray | null;
  if ((m = take(/(?:^| )(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[ t])/))) { y = +m[1]; mo = +m[2] - 1; d = +m[3]; dateSet = true; }
  else if ((m = take(/(?:^| )(\d{1,2})\/(\d{1,2})\/(\d{2,4})(?= |$)/))) { mo = +m[1] - 1; d = +m[2]; y = +m[3] < 100 ? 2000 + +m[3] : +m[3]; dateSet = true; }
  else if ((m = take(/(?:^| )(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:,? (\d{4}))?(?= |$)/))) {
    mo = monthIdx(m[1]); d = +m[2]; if (m[3]) y = +m[3]; dateSet = true;
  } else if ((m = take(/(?:^| )(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?: (\d{4}))?(?= |$)/))) {
    d = +m[1]; mo = monthIdx(m[2]); if (m[3]) y = +m[3]; dateSet = true;
  }
  if ((m = take(/(?:^|[ t])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?(am|pm))?(?= |$|z|[+-])/))) {
    h = +m[1]; mi = +m[2]; sec = m[3] ? +m[3] : 0; ms = m[4] ? Math.floor(Number(`0.${m[4]}`) * 1000) : 0;
    if (m[5]) { if (h < 1 || h > 12) return null; h = (h % 12) + (m[5] === 'pm' ? 12 : 0); }
    timeSet = true;
  }
  if ((m = take(/(?:^| )?([+-])(\d{2}):?(\d{2})(?= |$)/)) && (timeSet || dateSet)) {
    offsetMin = (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
  }
  take(/(?:^| )?(z|utc|gmt)(?= |$)/);
  if (dateSet && !timeSet) { h = 0; mi = 0; sec = 0; ms = 0; }
  if (h > 23 || mi > 59 || sec > 60 || mo < 0 || mo > 11 || d < 1 || d > 31) return null;
  let t = Date.UTC(y, mo, d, h, mi, sec, ms) - offsetMin * 60000;
  if (new Date(Date.UTC(y, mo, d)).getUTCDate() !== d) return null;
  const unitMs: Record<string, number> = { sec: 1000, second: 1000, min: 60000, minute: 60000, hour: 3600000, day: 86400000, week: 604800000, fortnight: 1209600000 };
  while (s) {
    if ((m = take(/^(now|today)(?= |$)/))) continue;
    if ((m = take(/^yesterday(?= |$)/))) { t -= 86400000; continue; }
    if ((m = take(/^tomorrow(?= |$)/))) { t += 86400000; continue; }
    if ((m = take(/^(next|last|this) ([a-z]+)(?= |$)/))) {
      const dayIdx = DAYS.findIndex((x) => x.toLowerCase().startsWith(m![2].slice(0, 3)));
      const n = m[1] === 'last' ? -1 : m[1] === 'next' ? 1 : 0;
      if (dayIdx >= 0) {
        const cur = new Date(t).getUTCDay();
        let diff = (dayIdx - cur + 7) % 7;
        if (n === 1 && diff === 0) diff = 7;
        if (n === -1) diff = diff === 0 ? -7 : diff - 7;
        t = startOfDay(t) + diff * 86400000;
        continue;
      }
      const r = addUnit(t, m[2], n, unitMs);
      if (r === null) return null;
      t = r;
      continue;
    }
    if ((m = take(/^([+-]?\d+)? ?([a-z]+?)s?(?: (ago))?(?= |$)/))) {
      const n = (m[1] === undefined ? 1 : Number(m[1])) * (m[3] ? -1 : 1);
      const r = addUnit(t, m[2], n, unitMs);
      if (r === null) return null;
      t = r;
      continue;
    }
    return null;
  }
  return t;
}

function startOfDay(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function addUnit(t: number, unit: string, n: number, unitMs: Record<string, number>): number | null {
  if (unit in unitMs) return t + n * unitMs[unit];
  if (unit === 'month' || unit === 'year') {
    const d = new Date(t);
    if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n); else d.setUTCFullYear(d.getUTCFullYear() + n);
    return d.getTime();
  }
  return null;
}

/** touch -t [[CC]YY]MMDDhhmm[.ss] */
export function parseTouchStamp(s: string, now: number): number | null {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(s);
  if (!m) return null;
  let y = new Date(now).getUTCFullYear();
  if (m[1]) y = m[1].length === 4 ? +m[1] : +m[1] + (+m[1] < 69 ? 2000 : 1900);
  const [mo, d, h, mi, sec] = [+m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0];
  if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  if (new Date(Date.UTC(y, mo, d)).getUTCDate() !== d) return null;
  return Date.UTC(y, mo, d, h, mi, sec);
}
