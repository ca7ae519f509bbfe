import { AIX, FORMATS, MACROS } from './formats.ts';
import { checkList, DELIMS, type R } from './lists.ts';
import { longSortParse, shortSort } from './sorting.ts';
import {
  FF_Bj, FF_Bl, FF_Bs, FF_Bu, FF_Bv, FF_Fc, FF_Lm, FF_LX, FF_Uf, FF_Uj, FF_Ul, FM_c, FM_F, FM_j, FM_M, FM_P, FM_y,
  TF_must_use, TF_U_L, TF_U_T, type FormatNode, type PsState, type SfNode, type SortNode,
} from './state.ts';

/**
 * procps sortformat.c: turns -o/o/O/--format/--sort/k arguments and the format options (-f, -l, u,
 * j, …) into the list of output columns and sort keys.
 */

/** do_one_spec: a specifier (pidmax-wide when it is a PID column) or a macro, with an optional header. */
export function doOneSpec(spec: string, override: string | undefined, pidLen: number): FormatNode[] | undefined {
  const fs = FORMATS.get(spec);
  if (fs) {
    const w1 = fs.pidmax ? Math.max(pidLen, fs.head.length) : fs.width;
    if (override !== undefined) return [{ name: override, width: Math.max(w1, override.length), just: fs.just, spec: fs }];
    return [{ name: fs.head, width: w1, just: fs.just, spec: fs }];
  }
  const macro = MACROS.get(spec);
  if (macro) return macro.split(/[, ]/).flatMap((s) => doOneSpec(s, override, pidLen) ?? []);
  return undefined;
}


/** format_parse, with the retry as AIX descriptors (`%p %c`) when the list does not parse. */
export function formatParse(sf: string, pidLen: number): R<FormatNode[]> {
  const r = formatParseNormal(sf, pidLen);
  if (!r.err) return r;
  if (sf.includes('%') && sf !== '%cpu' && !sf.startsWith('%cpu ') && !sf.startsWith('%cpu,') && !sf.startsWith('%m')) {
    return aixParse(sf, pidLen);
  }
  return r;
}

function formatParseNormal(sf: string, pidLen: number): R<FormatNode[]> {
  // Counted first, so the last item keeps blanks and commas inside its `=header`.
  const c = checkList(sf, 'improper format list', 'empty format list');
  if (c.err) return c;
  let { body, count } = c.v!;
  const out: FormatNode[] = [];
  while (count--) {
    const m = DELIMS.exec(body);
    let item = body;
    if (count && m) { item = body.slice(0, m.index); body = body.slice(m.index + 1); }
    let header: string | undefined;
    const eq = item.indexOf('=');
    if (eq >= 0) { header = item.slice(eq + 1); item = item.slice(0, eq); }
    let width: number | undefined;
    const colon = item.indexOf(':');
    if (colon >= 0) {
      const w = item.slice(colon + 1);
      item = item.slice(0, colon);
      if (!/^[1-9][0-9]*$/.test(w)) return { err: 'column widths must be unsigned decimal numbers' };
      width = Number(w);
    }
    const nodes = doOneSpec(item, header, pidLen);
    if (!nodes) return { err: `unknown user-defined format specifier "${item}"` };
    if (width !== undefined) {
      if (nodes.length > 1) return { err: 'can not set width for a macro (multi-column) format specifier' };
      nodes[0].width = width;
    }
    out.push(...nodes);
  }
  return { v: out };
}

function aixParse(sf: string, pidLen: number): R<FormatNode[]> {
  if (sf[0] !== '%' && sf[0] !== ' ') return { err: 'improper AIX field descriptor' };
  for (let i = 0; i < sf.length; i++) {
    if (sf[i] === '%' && (i + 1 >= sf.length || sf[i + 1] === ' ')) return { err: 'missing AIX field descriptor' };
    if (sf[i] === '%') i++;
  }
  const out: FormatNode[] = [];
  for (let i = 0; i < sf.length;) {
    if (sf[i] === '%') {
      if (sf[i + 1] === '%') return { err: 'missing AIX field descriptor' };
      const a = AIX[sf[i + 1]];
      i += 2;
      if (!a) return { err: 'unknown AIX field descriptor' };
      out.push(...doOneSpec(a[0], a[1], pidLen)!);
    } else {
      const j = sf.indexOf('%', i);
      const text = sf.slice(i, j < 0 ? undefined : j);
      out.push({ name: text, width: text.length, just: 'AIX', spec: null });
      i += text.length;
    }
  }
  return { v: out };
}

/** parse_O_option over every deferred -o/O/--sort argument, oldest first. */
function parseSf(s: PsState, pidLen: number): R<{ fmt: FormatNode[]; sort: SortNode[] }> {
  const haveGnuSort = s.sfList.some((n) => n.code === 'G_sort');
  let parsedFormat = false, parsedSort = false;
  const fmt: FormatNode[] = [];
  let sort: SortNode[] = [];
  const wrap = (nodes: FormatNode[], trailer: string) => [...doOneSpec('pid', undefined, pidLen)!, ...nodes, ...doOneSpec(trailer, undefined, pidLen)!];
  for (const n of s.sfList as SfNode[]) {
    switch (n.code) {
      case 'B_o': case 'G_format': case 'U_o': {
        const r = formatParse(n.sf, pidLen);
        if (r.err) return r;
        fmt.push(...r.v!);
        parsedFormat = true;
        break;
      }
      case 'U_O': {
        if (parsedFormat) return { err: 'option -O can not follow other format options' };
        const r = formatParse(n.sf, pidLen);
        if (r.err) return r;
        parsedFormat = true;
        fmt.push(...wrap(r.v!, 'END_SYS5'));
        break;
      }
      case 'B_O': {
        const r = haveGnuSort || parsedSort ? { err: 'multiple sort options' } : shortSort(n.sf, !!s.forestType);
        if (!r.err) { sort = r.v!; parsedSort = true; break; }
        if (parsedFormat) return { err: 'option O is neither first format nor sort order' };
        const f = formatParse(n.sf, pidLen);
        if (f.err) return { err: r.err };
        parsedFormat = true;
        fmt.push(...wrap(f.v!, 'END_BSD'));
        break;
      }
      case 'G_sort': case 'B_m': {
        if (parsedSort) return { err: 'multiple sort options' };
        const r = longSortParse(n.sf);
        parsedSort = true;
        if (r.err) return r;
        sort = r.v!;
        break;
      }
    }
  }
  return { v: { fmt, sort } };
}

/** generate_sysv_list: the default columns of `ps`, `-f`, `-l`, `-j`, `-F`, `-L`, `-T` and BSD `ps x`. */
function sysvList(s: PsState, pidLen: number): R<FormatNode[]> {
  const ff = s.formatFlags, fm = s.formatModifiers, tf = s.threadFlags;
  if (fm & FM_y && !(ff & FF_Ul)) return { err: 'modifier -y without format -l makes no sense' };
  const push: string[] = [];
  if (s.preferBsd) {
    push.push(ff ? 'cmd' : 'args', 'bsdtime');
    if (!(ff & FF_Ul)) push.push('stat');
  } else push.push(ff & FF_Uf ? 'cmd' : 'ucmd', 'time');
  push.push('tname');
  if (ff & FF_Uf) push.push('stime');
  if (fm & FM_F) {
    if (!(fm & FM_P)) push.push('psr');
    if (!(ff & FF_Ul && fm & FM_y)) push.push('rss');
  }
  if (ff & FF_Ul) push.push('wchan');
  if (fm & FM_F || ff & FF_Ul) push.push('sz');
  if (ff & FF_Ul) push.push(fm & FM_y ? 'rss' : 'addr_1');
  if (fm & FM_c) push.push('pri', 'class');
  else if (ff & FF_Ul) push.push('ni', 'opri');
  if (tf & TF_U_L && ff & FF_Uf) push.push('nlwp');
  if (ff & (FF_Uf | FF_Ul) && !(fm & FM_c)) push.push('c');
  if (fm & FM_P) push.push('psr');
  if (tf & TF_U_L) push.push('lwp');
  if (fm & FM_j) push.push('sid', 'pgid');
  if (ff & (FF_Uf | FF_Ul)) push.push('ppid');
  if (tf & TF_U_T) push.push('spid');
  push.push('pid');
  if (ff & FF_Uf) push.push('uid_hack');
  else if (ff & FF_Ul) push.push('uid');
  if (ff & FF_Ul) { push.push('s'); if (!(fm & FM_y)) push.push('f'); }
  if (fm & FM_M) push.push('label');
  return { v: push.reverse().flatMap((n) => doOneSpec(n, undefined, pidLen)!) };
}

/** process_sf_options: fills s.formatList and s.sortList, or returns the error text. */
export function processSfOptions(s: PsState, pidLen: number, psFormatEnv: string | undefined, warn: (m: string) => void): string | undefined {
  const r = parseSf(s, pidLen);
  if (r.err) return r.err;
  s.formatList = r.v!.fmt;
  s.sortList = r.v!.sort;
  if (!s.formatFlags && !s.formatModifiers && !s.formatList.length && psFormatEnv) {
    if (s.threadFlags & TF_must_use) return 'tell <procps@freelists.org> what you want (-L/-T, -m/m/H, and $PS_FORMAT)';
    const f = formatParse(psFormatEnv, pidLen);
    if (!f.err) { s.formatList = f.v!; return undefined; }
    warn(`warning: $PS_FORMAT ignored. (${f.err})\n`);
  }
  if (s.formatList.length) {
    if (s.formatFlags) return 'conflicting format options';
    if (s.formatModifiers) return 'can not use output modifiers with user-defined output';
    if (s.threadFlags & TF_must_use) return '-L/-T with H/m/-m and -o/-O/o/O is nonsense';
    return undefined;
  }
  const macros: Record<number, string | null> = {
    0: null, [FF_Uf | FF_Ul]: null, [FF_Uf]: null, [FF_Ul]: null, [FF_Uj]: null, [FF_Uj | FF_Ul]: 'RD_lj', [FF_Uj | FF_Uf]: 'RD_fj',
    [FF_Bj]: 'OL_j', [FF_Bl]: 'OL_l', [FF_Bs]: 'OL_s', [FF_Bu]: 'OL_u', [FF_Bv]: 'OL_v', [FF_LX]: 'OL_X', [FF_Lm]: 'OL_m',
    [FF_Fc]: 'FLASK_context',
  };
  if (!(s.formatFlags in macros)) return 'conflicting format options';
  const spec = macros[s.formatFlags];
  if (!spec) {
    const g = sysvList(s, pidLen);
    if (g.err) return g.err;
    s.formatList = g.v!;
    return undefined;
  }
  s.formatList = doOneSpec(spec, undefined, pidLen) ?? [];
  return modifiers(s, pidLen);
}

/** The -j, -y, -c, -T, -L, -M modifications of a canned BSD format. */
function modifiers(s: PsState, pidLen: number): string | undefined {
  const list = s.formatList;
  const one = (spec: string) => doOneSpec(spec, undefined, pidLen)![0];
  const find = (name: string) => list.findIndex((n) => n.name === name);
  const addAfter = (name: string, node: FormatNode) => { const i = find(name); if (i < 0) return false; list.splice(i + 1, 0, node); return true; };
  const del = (name: string) => { const i = find(name); if (i >= 0) list.splice(i, 1); return i >= 0; };
  if (s.formatModifiers & FM_j) {
    if (!addAfter('PPID', one('pgid')) && !addAfter('PID', one('pgid'))) return 'internal error: no PID or PPID for -j option';
    if (!addAfter('PGID', one('sid'))) return 'lost my PGID';
  }
  if (s.formatModifiers & FM_y) { del('F'); if (addAfter('ADDR', one('rss'))) del('ADDR'); }
  if (s.formatModifiers & FM_c) {
    for (const n of ['%CPU', 'CPU', 'CP', 'C', 'NI']) del(n);
    if (!addAfter('PRI', one('class'))) return 'internal error: no PRI for -c option';
    del('PRI');
    if (!addAfter('CLS', one('pri'))) return 'lost my CLS';
  }
  if (s.threadFlags & TF_U_T && !addAfter('PID', one('spid')) && s.threadFlags & TF_must_use) return '-T with H/-m/m but no PID for SPID to follow';
  if (s.threadFlags & TF_U_L) {
    const lwp = one('lwp');
    if (!['SID', 'SESS', 'PGID', 'PGRP', 'PPID', 'PID'].some((n) => addAfter(n, lwp)) && s.threadFlags & TF_must_use) {
      return '-L with H/-m/m but no PID/PGID/SID/SESS for NLWP to follow';
    }
    addAfter('%CPU', one('nlwp'));
  }
  if (s.formatModifiers & FM_M) list.unshift(one('label'));
  return undefined;
}
