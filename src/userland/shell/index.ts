/** Public entry point of the shell front-end (lexer + parser + printer). */
export type * from './ast.ts';
export { MAX_DEPTH, ShellNestingError, ShellSyntaxError } from './errors.ts';
export { createParser, parse, parseScript, Parser, type ParseOptions, type ParseResult } from './parser.ts';
export { commandText, printScript } from './print.ts';
