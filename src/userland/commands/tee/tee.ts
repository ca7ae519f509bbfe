import type { ProgramImage } from '../../../kernel/program.ts';
import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY, SIG } from '../../../kernel/constants.ts';
import { getopt, GetoptError } from '../../lib/getopt.ts';
import { errMsg } from '../../lib/io.ts';
import { shellQuote } from '../../lib/quote.ts';
import { HELP, VERSION } from './help.ts';

/** tee(1) from coreutils: copy standard input to standard output and to each FILE; -a appends, -i ignores SIGINT. */
export const tee: ProgramImage = {
  vszKb: 5512, rssKb: 1744,
  main: async ({ argv, sys, out, err }) => {
    let append = false;
    let files: string[];
    try {
      const r = getopt('tee', argv.slice(1), 'aip', [
        { name: 'append', arg: 'none', key: 'a' }, { name: 'ignore-interrupts', arg: 'none', key: 'i' },
        { name: 'output-error', arg: 'optional', key: 'p' }, { name: 'help', arg: 'none', key: 'help' }, { name: 'version', arg: 'none', key: 'version' }]);
      const hv = r.options.find((o) => o.key === 'help' || o.key === 'version');
      if (hv) { await out(hv.key === 'help' ? HELP : VERSION); return 0; }
      for (const o of r.options) {
        if (o.key === 'a') append = true;
        else if (o.key === 'i') sys.signal(SIG.SIGINT, 'ignore');
      }
      files = r.operands;
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      await err(`${e.message}\nTry 'tee --help' for more information.\n`);
      return 1;
    }
    let status = 0;
    const outputs: Array<{ name: string; fd: number }> = [];
    for (const f of files) {
      try {
        outputs.push({ name: f, fd: sys.open(f, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o666) });
      } catch (e) {
        await err(`tee: ${shellQuote(f)}: ${errMsg(e)}\n`);
        status = 1;
      }
    }
    let stdoutOk = true;
    try {
      for (let c = await sys.read(0); c !== ''; c = await sys.read(0)) {
        if (stdoutOk) {
          try { await out(c); } catch (e) {
            await err(`tee: 'standard output': ${errMsg(e)}\n`);
            stdoutOk = false;
            status = 1;
          }
        }
        for (const o of [...outputs]) {
          try { await sys.write(o.fd, c); } catch (e) {
            await err(`tee: ${shellQuote(o.name)}: ${errMsg(e)}\n`);
            outputs.splice(outputs.indexOf(o), 1);
            status = 1;
          }
        }
      }
    } catch (e) {
      await err(`tee: 'standard input': ${errMsg(e)}\n`);
      status = 1;
    } finally {
      for (const o of outputs) sys.close(o.fd);
    }
    return status;
  },
};
