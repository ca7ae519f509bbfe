import { alias, cd, colon, echo, exit, exportB, falseB, history, pwd, set, shift, trueB, umask, unalias, unset } from './core.ts';
import { breakB, continueB, declare, letB, local, readonly, returnB } from './flow.ts';
import { bg, fg, jobs, kill, wait } from './jobctl.ts';
import { bracket, evalB, exec, help, read, source, test, type } from './misc.ts';
import { printf } from './printf.ts';
import type { Builtin } from './types.ts';

/** bash's builtins that nsbox implements, by name (`type cd` → shell builtin). */
export const BUILTINS = new Map<string, Builtin>([
  ['cd', cd], ['pwd', pwd], ['echo', echo], [':', colon], ['true', trueB], ['false', falseB],
  ['export', exportB], ['unset', unset], ['exit', exit], ['logout', exit], ['shift', shift], ['set', set],
  ['umask', umask], ['history', history], ['alias', alias], ['unalias', unalias],
  ['jobs', jobs], ['fg', fg], ['bg', bg], ['wait', wait], ['kill', kill],
  ['type', type], ['source', source], ['.', source], ['eval', evalB], ['exec', exec], ['read', read],
  ['test', test], ['[', bracket], ['printf', printf], ['help', help],
  ['break', breakB], ['continue', continueB], ['return', returnB], ['local', local], ['declare', declare],
  ['typeset', declare], ['readonly', readonly], ['let', letB],
]);
