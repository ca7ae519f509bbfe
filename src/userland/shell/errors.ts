/**
 * Syntax errors, worded exactly as bash 5.2 prints them after its
 * "bash: " (interactive) or "bash: -c: line N: " (non-interactive) prefix.
 */
export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
  constructor(
    message: string,
    /** 1-based line bash would report (the "line N" of non-interactive mode). */
    readonly line: number,
    /**
     * The error is "ran out of input": an interactive shell would show PS2
     * and read more instead of reporting it.
     */
    readonly eof = false,
  ) {
    super(message);
  }
}

/** Nesting cap hit. Never treated as "incomplete", never deferred. */
export class ShellNestingError extends ShellSyntaxError {
  override name = 'ShellNestingError';
}

/** How deep compound commands, substitutions and `${}` may nest. Bash has no
 * limit but would overflow its C stack; we must not overflow the JS one. */
export const MAX_DEPTH = 500;

export function nearToken(token: string, line: number): ShellSyntaxError {
  return new ShellSyntaxError(`syntax error near unexpected token \`${token}'`, line);
}

export const UNEXPECTED_END = 'syntax error: unexpected end of file';

export function unexpectedEnd(line: number): ShellSyntaxError {
  return new ShellSyntaxError(UNEXPECTED_END, line, true);
}

/** Unterminated quote or substitution, e.g. for `echo "abc`. */
export function unmatched(ch: string, line: number): ShellSyntaxError {
  return new ShellSyntaxError(`unexpected EOF while looking for matching \`${ch}'`, line, true);
}

export function tooDeep(line: number): ShellNestingError {
  return new ShellNestingError(`syntax error: nesting deeper than ${MAX_DEPTH} levels`, line);
}
