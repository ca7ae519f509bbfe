import { FORMATS } from './formats.ts';

/** procps ps/help.c: `ps --help [simple|list|output|threads|misc|all]` and the usage after errors. */
export const VERSION = 'ps from procps-ng 4.0.2\n';

const SECTIONS: Array<[string, string, string]> = [
  ['simple', 's', `
Basic options:
 -A, -e               all processes
 -a                   all with tty, except session leaders
  a                   all with tty, including other users
 -d                   all except session leaders
 -N, --deselect       negate selection
  r                   only running processes
  T                   all processes on this terminal
  x                   processes without controlling ttys
`],
  ['list', 'l', `
Selection by list:
 -C <command>         command name
 -G, --Group <GID>    real group id or name
 -g, --group <group>  session or effective group name
 -p, p, --pid <PID>   process id
        --ppid <PID>  parent process id
 -q, q, --quick-pid <PID>
                      process id (quick mode)
 -s, --sid <session>  session id
 -t, t, --tty <tty>   terminal
 -u, U, --user <UID>  effective user id or name
 -U, --User <UID>     real user id or name

  The selection options take as their argument either:
    a comma-separated list e.g. '-u root,nobody' or
    a blank-separated list e.g. '-p 123 4567'
`],
  ['output', 'o', `
Output formats:
 -D <format>          date format for lstart
 -F                   extra full
 -f                   full-format, including command lines
  f, --forest         ascii art process tree
 -H                   show process hierarchy
 -j                   jobs format
  j                   BSD job control format
 -l                   long format
  l                   BSD long format
 -M, Z                add security data (for SELinux)
 -O <format>          preloaded with default columns
  O <format>          as -O, with BSD personality
 -o, o, --format <format>
                      user-defined format
  -P                  add psr column
  s                   signal format
  u                   user-oriented format
  v                   virtual memory format
  X                   register format
 -y                   do not show flags, show rss vs. addr (used with -l)
     --context        display security context (for SELinux)
     --headers        repeat header lines, one per page
     --no-headers     do not print header at all
     --cols, --columns, --width <num>
                      set screen width
     --rows, --lines <num>
                      set screen height
`],
  ['threads', 't', `
Show threads:
  H                   as if they were processes
 -L                   possibly with LWP and NLWP columns
 -m, m                after processes
 -T                   possibly with SPID column
`],
  ['misc', 'm', `
Miscellaneous options:
 -c                   show scheduling class with -l option
  c                   show true command name
  e                   show the environment after command
  k,    --sort        specify sort order as: [+|-]key[,[+|-]key[,...]]
  L                   show format specifiers
  n                   display numeric uid and wchan
  S,    --cumulative  include some dead child process data
 -y                   do not show flags, show rss (only with -l)
 -V, V, --version     display version information and exit
 -w, w                unlimited output width

        --help <simple|list|output|threads|misc|all>
                      display help and exit
`],
];

/** do_help: no or an unknown section name gives the short usage with the "Try" lines. */
export function helpText(opt: string | undefined, myname = 'ps'): string {
  const all = opt === 'all' || opt === 'a';
  const idx = SECTIONS.findIndex(([word, abbr]) => opt === word || opt === abbr);
  let out = `\nUsage:\n ${myname} [options]\n`;
  if (all) out += SECTIONS.map((s) => s[2]).join('');
  else if (idx >= 0) out += SECTIONS[idx][2];
  else {
    out += `\n Try '${myname} --help <simple|list|output|threads|misc|all>'\n` +
      `  or '${myname} --help <s|l|o|t|m|a>'\n for additional help text.\n`;
  }
  return `${out}\nFor more details see ps(1).\n`;
}

/** `ps L`: every specifier that prints something, `%-12.12s %-8.8s`. */
export function listFormatSpecifiers(): string {
  return [...FORMATS.values()].filter((f) => f.pr !== 'nop').map((f) => f.spec).sort()
    .map((spec) => `${spec.slice(0, 12).padEnd(12)} ${FORMATS.get(spec)!.head.slice(0, 8).padEnd(8)}\n`).join('');
}
