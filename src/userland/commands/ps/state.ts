import type { FormatSpec, Just } from './formats.ts';

/** procps common.h flag values (only their distinctness matters). */
export const FF_Uf = 0x1, FF_Ul = 0x2, FF_Uj = 0x4, FF_Bj = 0x10, FF_Bl = 0x20, FF_Bs = 0x40, FF_Bu = 0x80,
  FF_Bv = 0x100, FF_LX = 0x200, FF_Lm = 0x400, FF_Fc = 0x800;
export const FM_c = 0x1, FM_j = 0x2, FM_y = 0x4, FM_P = 0x8, FM_M = 0x10, FM_F = 0x20;
export const SS_B_x = 0x1, SS_B_g = 0x2, SS_U_d = 0x4, SS_U_a = 0x8, SS_B_a = 0x10;
export const TF_B_H = 0x1, TF_B_m = 0x2, TF_U_m = 0x4, TF_U_T = 0x8, TF_U_L = 0x10, TF_show_proc = 0x100,
  TF_show_task = 0x200, TF_show_both = 0x400, TF_loose_tasks = 0x800, TF_must_use = 0x1000;

export type SelType = 'RUID' | 'EUID' | 'RGID' | 'EGID' | 'PGRP' | 'PID' | 'PPID' | 'TTY' | 'SESS' | 'COMM';
export interface Selection { type: SelType; nums: number[]; strs: string[] }
export type SfCode = 'B_o' | 'G_format' | 'U_o' | 'U_O' | 'B_O' | 'G_sort' | 'B_m';
export interface SfNode { sf: string; code: SfCode }

/** One output column: a specifier (or literal AIX text when `spec` is null) with its header and width. */
export interface FormatNode { name: string; width: number; just: Just; spec: FormatSpec | null }
/** A sort key; procps' direction is +1, -1, or 0 (a no-op key, which short `O` codes can produce). */
export interface SortNode { spec: FormatSpec; order: 1 | -1 | 0 }

/** The globals of procps ps (global.c), reset before each parsing pass. */
export interface PsState {
  allProcesses: boolean;
  bsdC: boolean;
  bsdE: boolean;
  forestType: '' | 'b' | 'g' | 'u';
  formatFlags: number;
  formatModifiers: number;
  headerType: 'single' | 'none' | 'multi';
  includeDeadChildren: boolean;
  negate: boolean;
  runningOnly: boolean;
  preferBsd: boolean;
  /** PER_OLD_m, set for the second (BSD) parsing pass. */
  oldM: boolean;
  forceBsd: boolean;
  screenCols: number;
  screenRows: number;
  selections: Selection[];
  simpleSelect: number;
  threadFlags: number;
  unixF: boolean;
  userIsNumber: boolean;
  wCount: number;
  lstartFormat?: string;
  sfList: SfNode[];
  formatList: FormatNode[];
  sortList: SortNode[];
  cachedTty: number;
  cachedEuid: number;
}

export function freshState(screenCols: number, screenRows: number, cachedTty: number, cachedEuid: number): PsState {
  return {
    allProcesses: false, bsdC: false, bsdE: false, forestType: '', formatFlags: 0, formatModifiers: 0,
    headerType: 'single', includeDeadChildren: false, negate: false, runningOnly: false, preferBsd: false,
    oldM: false, forceBsd: false, screenCols, screenRows, selections: [], simpleSelect: 0, threadFlags: 0,
    unixF: false, userIsNumber: false, wCount: 0, sfList: [], formatList: [], sortList: [], cachedTty, cachedEuid,
  };
}

/** Leaves ps early with the given output (help, version, L). */
export class PsExit {
  constructor(readonly code: number, readonly stdout = '', readonly stderr = '') {}
}

/**
 * strtoul/strtol with base 0, as ps uses for PIDs, UIDs and widths: leading blanks, a sign, then
 * 0x… hex, 0… octal or decimal. `end` is where parsing stopped (0 when nothing was parsed).
 */
export function cStrtol(s: string): { value: number; end: number } {
  const m = /^([ \t\n\v\f\r]*)([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return { value: 0, end: 0 };
  const digits = m[3];
  let v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : parseInt(digits, 10);
  if (m[2] === '-') v = -v;
  return { value: v, end: m[0].length };
}
