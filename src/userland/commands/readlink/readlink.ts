import { isKernelError } from '../../../kernel/errno.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import { canonicalize, type CanonMode } from '../../lib/canonicalize.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';

/**
 * readlink(1) from coreutils 9: the target of each symbolic link (or, with -f/-e/-m, the
 * canonical name). Failures print nothing and set status 1 unless -v asks for the reason — so
 * `readlink /proc/self/ns/*` lists each namespace and a non-link just fails quietly.
 */
const USAGE = `Usage: readlink [OPTION]... FILE...
Print value of a symbolic link or canonical file name

  -f, --canonicalize            canonicalize by following every symlink in
                                every component of the given name recursively;
                                all but the last component must exist
  -e, --canonicalize-existing   canonicalize by following every symlink in
                                every component of the given name recursively,
                                all components must exist
  -m, --canonicalize-missing    canonicalize by following every symlink in
                                every component of the given name recursively,
                                without requirements on components existence
  -n, --no-newline              do not output the trailing delimiter
  -q, --quiet
  -s, --silent                  suppress most error messages (on by default)
  -v, --verbose                 report error messages
  -z, --zero                    end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/readlink>
or available locally via: info '(coreutils) readlink invocation'
`;

export const readlink: ProgramImage = {
  vszKb: 5548, rssKb: 1712,
  main: async ({ argv, sys, out, err }) => {
    let mode: CanonMode | null = null, noNewline = false, verbose = false, zero = false;
    let files: string[];
    try {
      const r = getopt('readlink', argv.slice(1), 'efmnqsvz', [
        { name: 'canonicalize', arg: 'none', key: 'f' }, { name: 'canonicalize-existing', arg: 'none', key: 'e' },
        { name: 'canonicalize-missing', arg: 'none', key: 'm' }, { name: 'no-newline', arg: 'none', key: 'n' },
        { name: 'quiet', arg: 'none', key: 'q' }, { name: 'silent', arg: 'none', key: 's' }, { name: 'verbose', arg: 'none', key: 'v' },
        { name: 'zero', arg: 'none', key: 'z' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' },
      ]);
      for (const o of r.options) {
        switch (o.key) {
          case 'f': mode = 'allButLast'; break;
          case 'e': mode = 'existing'; break;
          case 'm': mode = 'missing'; break;
          case 'n': noNewline = true; break;
          case 'q': case 's': verbose = false; break;
          case 'v': verbose = true; break;
          case 'z': zero = true; break;
          case 'help': await out(USAGE); return 0;
          case 'version': await out('readlink (GNU coreutils) 9.4\n'); return 0;
        }
      }
      files = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'readlink --help' for more information.\n`);
      return 1;
    }
    if (!files.length) {
      await err("readlink: missing operand\nTry 'readlink --help' for more information.\n");
      return 1;
    }
    if (files.length > 1) {
      if (noNewline) await err('readlink: ignoring --no-newline with multiple arguments\n');
      noNewline = false;
    }
    let status = 0;
    for (const f of files) {
      try {
        const value = mode ? canonicalize(sys, f, mode) : sys.readlink(f);
        await out(noNewline ? value : value + (zero ? '\0' : '\n'));
      } catch (e) {
        if (!isKernelError(e)) throw e;
        status = 1;
        if (verbose) await err(`readlink: ${f}: ${e.message}\n`);
      }
    }
    return status;
  },
};
