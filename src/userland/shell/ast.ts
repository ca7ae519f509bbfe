/**
 * Typed AST for the bash-like shell. The front-end (lexer/parser) produces it;
 * the interpreter walks it. Words keep their structure (quoted or not, which
 * expansions) so that expansion, field splitting and globbing happen later,
 * exactly as bash does them after parsing.
 */

/** A shell word: its exact source text plus the pieces it is made of. */
export interface Word {
  /** Source text as written, quotes included (bash prints this in `jobs`). */
  text: string;
  parts: WordPart[];
}

export type WordPart =
  | LiteralPart | TildePart | ParamPart | CmdSubstPart | ArithPart | ProcSubstPart | BadSubstPart;

/**
 * Literal text. `quoted` is false only for text that was written bare:
 * only there are glob chars (`*?[`), brace expansion and field splitting live.
 * Backslash-escaped characters count as quoted. `""` yields `{text:'', quoted:true}`,
 * which is how the interpreter knows the word must survive as an empty argument.
 */
export interface LiteralPart {
  type: 'literal';
  text: string;
  quoted: boolean;
}

/** `~` or `~user` at word start (or after `=`/`:` in assignment values). `user` is '' for plain `~`. */
export interface TildePart {
  type: 'tilde';
  user: string;
}

/** `$NAME`, `${NAME...}`, and the specials `$? $$ $# $! $@ $* $- $0..$9`. */
export interface ParamPart {
  type: 'param';
  /** Variable name, positional digits (`'10'` for `${10}`) or special char. */
  name: string;
  braced: boolean;
  quoted: boolean;
  /** `${#NAME}` */
  length?: boolean;
  /** `${!NAME}` */
  indirect?: boolean;
  /** `${NAME[index]}`: the raw index text. */
  index?: string;
  op?: ParamOp;
}

/** Operators inside `${...}`, spelled as in bash. */
export type ParamOp =
  | { op: '-' | ':-' | '=' | ':=' | '?' | ':?' | '+' | ':+'; word: Word }
  | { op: '#' | '##' | '%' | '%%'; pattern: Word }
  | { op: '/' | '//' | '/#' | '/%'; pattern: Word; replacement: Word | null }
  | { op: '^' | '^^' | ',' | ',,'; pattern: Word | null }
  | { op: ':'; offset: string; length: string | null }
  | { op: '@'; transform: string };

/** `$(...)` or backticks. */
export interface CmdSubstPart {
  type: 'cmdsubst';
  script: Script;
  quoted: boolean;
  backquote: boolean;
  /**
   * Bash parses backquoted text only when it expands it, so a syntax error in it
   * is a run-time error ("bash: command substitution: line 1: <error>"). When
   * set, `script` is empty and the interpreter should print that and expand to ''.
   */
  error?: string;
}

/** `$((expr))`: raw expression text; the interpreter expands and evaluates it. */
export interface ArithPart {
  type: 'arith';
  expr: string;
  quoted: boolean;
}

/** `<(list)` / `>(list)`: expands to a /dev/fd path connected to the list. Unquoted only. */
export interface ProcSubstPart {
  type: 'procsubst';
  op: '<' | '>';
  script: Script;
}

/** `${...}` bash cannot interpret (e.g. `${}`, `${a b}`): bash reports
 * "bash: <text>: bad substitution" only when expanding it, so it parses fine. */
export interface BadSubstPart {
  type: 'badsubst';
  text: string;
  quoted: boolean;
}

export type RedirOp =
  | '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

/**
 * A redirection. `fd` is null when not written: then it is 0 for `<`-ish ops
 * (`< <> <& << <<- <<<`), 1 for `>`-ish ones, and stdout+stderr for `&>`/`&>>`.
 * For `<&`/`>&` the target is a fd number or `-` (close); bash treats
 * `>&word` with any other word like `&>word`.
 */
export interface Redirect {
  op: RedirOp;
  fd: number | null;
  /** File, fd, here-string word, or here-doc delimiter word. */
  target: Word;
  heredoc?: HereDoc;
}

export interface HereDoc {
  /** Delimiter after quote removal. */
  delimiter: string;
  /** Delimiter was quoted: body is literal (no expansions). */
  quoted: boolean;
  /** `<<-`: leading tabs stripped. */
  stripTabs: boolean;
  /** Body (all parts quoted). Expansions present only when not `quoted`. */
  body: Word;
  /**
   * Syntax error inside the body (e.g. an unclosed `$(`): bash finds it only
   * when expanding the body, so it is a run-time error; `body` is then literal.
   */
  error?: string;
}

export interface Assignment {
  name: string;
  /** `NAME[index]=value`: the raw index text. */
  index?: string;
  /** `NAME+=value` */
  append: boolean;
  /** Value word (empty for `a=` and for array assignments). */
  value: Word;
  /** `NAME=(a b c)` */
  array?: Word[];
  text: string;
}

export interface SimpleCommand {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface Subshell { type: 'subshell'; body: List; redirects: Redirect[] }
export interface Group { type: 'group'; body: List; redirects: Redirect[] }
export interface IfCommand {
  type: 'if';
  /** `if`/`elif` clauses in order. */
  clauses: { cond: List; body: List }[];
  elseBody: List | null;
  redirects: Redirect[];
}
export interface WhileCommand { type: 'while'; until: boolean; cond: List; body: List; redirects: Redirect[] }
/**
 * `for name [in items]; do body; done`. `items` null means no `in` clause:
 * iterate over "$@". `select` is true for bash's `select` menu loop (same shape).
 */
export interface ForCommand {
  type: 'for'; name: string; items: Word[] | null; body: List; redirects: Redirect[]; select?: boolean;
}
/** `for ((init; cond; step))`: raw arithmetic texts. */
export interface ArithForCommand {
  type: 'arithfor'; init: string; cond: string; step: string; body: List; redirects: Redirect[];
}
export interface CaseItem { patterns: Word[]; body: List; terminator: ';;' | ';&' | ';;&' }
export interface CaseCommand { type: 'case'; subject: Word; items: CaseItem[]; redirects: Redirect[] }
/** `(( expr ))`: raw expression text. */
export interface ArithCommand { type: 'arith'; expr: string; redirects: Redirect[] }
/** `[[ expr ]]` */
export interface CondCommand { type: 'cond'; expr: CondExpr; redirects: Redirect[] }

export type CondExpr =
  | { type: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { type: 'not'; expr: CondExpr }
  | { type: 'paren'; expr: CondExpr }
  /** `-f file`, `-z str`, ... */
  | { type: 'unary'; op: string; arg: Word }
  /** `a == b`, `a =~ re`, `a -lt b`, `a < b`, ... */
  | { type: 'binary'; op: string; left: Word; right: Word }
  /** A lone word: true if non-empty. */
  | { type: 'word'; word: Word };

export type CompoundCommand =
  | Subshell | Group | IfCommand | WhileCommand | ForCommand | ArithForCommand
  | CaseCommand | ArithCommand | CondCommand;

/**
 * `name() body` or `function name body`. Redirections written after the body
 * are on `body.redirects`; bash applies them on every call.
 */
export interface FunctionDef { type: 'function'; name: string; body: CompoundCommand; line: number }

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export interface Pipeline {
  type: 'pipeline';
  /** Empty only for a bare `!` or `time` (bash accepts both). */
  commands: Command[];
  /** `ops[i]` joins commands[i] and commands[i+1]; `|&` also pipes stderr. */
  ops: ('|' | '|&')[];
  /** Odd number of leading `!`. */
  negated: boolean;
  /** `time` reserved word; `timePosix` for `time -p`. */
  timed: boolean;
  timePosix: boolean;
  /** Exact source text, trimmed. */
  text: string;
  line: number;
}

export interface AndOr {
  type: 'andor';
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Terminated by `&`. */
  background: boolean;
  /** Exact source text without the terminating `;`/`&`, trimmed (job text). */
  text: string;
  line: number;
}

/** A sequence of and-or lists, run in order. */
export type List = AndOr[];

export interface Script { type: 'script'; body: List }
