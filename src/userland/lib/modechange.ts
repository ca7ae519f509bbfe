/**
 * gnulib modechange: compile `755`, `u+x`, `go-w,a+X`, `u=rw,g=u` into changes and apply them to a
 * mode, with the umask deciding what a who-less `+w` touches (chmod, mkdir -m, install -m).
 */
const CHMOD_MODE_BITS = 0o7777;
const S_ISUID = 0o4000, S_ISGID = 0o2000, S_ISVTX = 0o1000;
const S_IRWXU = 0o700, S_IRWXG = 0o70, S_IRWXO = 0o7, S_IRWXUGO = 0o777;
const R = 0o444, W = 0o222, X = 0o111;

type Flag = 'ordinary' | 'x-if-any-x' | 'copy';
export interface ModeChange { op: '=' | '+' | '-'; flag: Flag; affected: number; value: number; mentioned: number }

/** mode_compile(); null when the text is not a valid mode. */
export function modeCompile(text: string): ModeChange[] | null {
  if (/^[0-7]/.test(text)) {
    if (!/^[0-7]+$/.test(text)) return null;
    const mode = parseInt(text, 8);
    if (mode > CHMOD_MODE_BITS) return null;
    const mentioned = text.length < 5 ? (mode & (S_ISUID | S_ISGID)) | S_ISVTX | S_IRWXUGO : CHMOD_MODE_BITS;
    return [{ op: '=', flag: 'ordinary', affected: CHMOD_MODE_BITS, value: mode, mentioned }];
  }
  const changes: ModeChange[] = [];
  let p = 0;
  for (;;) {
    let affected = 0;
    for (;; p++) {
      const c = text[p];
      if (c === 'u') affected |= S_ISUID | S_IRWXU;
      else if (c === 'g') affected |= S_ISGID | S_IRWXG;
      else if (c === 'o') affected |= S_ISVTX | S_IRWXO;
      else if (c === 'a') affected |= CHMOD_MODE_BITS;
      else if (c === '=' || c === '+' || c === '-') break;
      else return null;
    }
    do {
      const op = text[p++] as ModeChange['op'];
      let value = 0, mentioned = 0;
      let flag: Flag = 'copy';
      const c = text[p];
      if (c !== undefined && c >= '0' && c <= '7') {
        const m = /^[0-7]+/.exec(text.slice(p))![0];
        p += m.length;
        const octal = parseInt(m, 8);
        if (octal > CHMOD_MODE_BITS || affected || (p < text.length && text[p] !== ',')) return null;
        affected = mentioned = CHMOD_MODE_BITS;
        value = octal;
        flag = 'ordinary';
      } else if (c === 'u') { value = S_IRWXU; p++; }
      else if (c === 'g') { value = S_IRWXG; p++; }
      else if (c === 'o') { value = S_IRWXO; p++; }
      else {
        flag = 'ordinary';
        for (;; p++) {
          const v = text[p];
          if (v === 'r') value |= R;
          else if (v === 'w') value |= W;
          else if (v === 'x') value |= X;
          else if (v === 'X') flag = 'x-if-any-x';
          else if (v === 's') value |= S_ISUID | S_ISGID;
          else if (v === 't') value |= S_ISVTX;
          else break;
        }
      }
      changes.push({ op, flag, affected, value, mentioned: mentioned || (affected ? affected & value : value) });
    } while (text[p] === '=' || text[p] === '+' || text[p] === '-');
    if (text[p] !== ',') break;
    p++;
  }
  return p === text.length ? changes : null;
}

/** mode_adjust(): the new permission bits of a file whose bits are `oldmode`. */
export function modeAdjust(oldmode: number, dir: boolean, umask: number, changes: ModeChange[]): number {
  let mode = oldmode & CHMOD_MODE_BITS;
  for (const ch of changes) {
    const omit = (dir ? S_ISUID | S_ISGID : 0) & ~ch.mentioned;
    let value = ch.value;
    if (ch.flag === 'copy') {
      value &= mode;
      value |= (value & R ? R : 0) | (value & W ? W : 0) | (value & X ? X : 0);
    } else if (ch.flag === 'x-if-any-x' && ((mode & X) || dir)) value |= X;
    value &= (ch.affected ? ch.affected : ~umask) & ~omit;
    if (ch.op === '=') {
      const preserved = (ch.affected ? ~ch.affected : 0) | omit;
      mode = (mode & preserved) | value;
    } else if (ch.op === '+') mode |= value;
    else mode &= ~value;
  }
  return mode & CHMOD_MODE_BITS;
}
