import { SIG } from '../../../kernel/constants.ts';
import { isKernelError } from '../../../kernel/errno.ts';
import type { NetApi } from '../../../kernel/net/api.ts';
import type { ProgramImage } from '../../../kernel/program.ts';
import { resolveHost } from '../../lib/resolve.ts';
import { serve } from './httpServer.ts';

const TRACE_BIND = `Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File "<frozen runpy>", line 88, in _run_code
  File "/usr/lib/python3.11/http/server.py", line 1309, in <module>
    test(
  File "/usr/lib/python3.11/http/server.py", line 1256, in test
    with ServerClass(addr, HandlerClass) as httpd:
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/socketserver.py", line 456, in __init__
    self.server_bind()
  File "/usr/lib/python3.11/http/server.py", line 1303, in server_bind
    return super().server_bind()
           ^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/http/server.py", line 136, in server_bind
    socketserver.TCPServer.server_bind(self)
  File "/usr/lib/python3.11/socketserver.py", line 472, in server_bind
    self.socket.bind(self.server_address)
`;

const ERRNO: Record<string, number> = { EADDRINUSE: 98, EACCES: 13, EADDRNOTAVAIL: 99 };

/**
 * `python3`, as far as the sandbox goes: `python3 -m http.server [-b ADDR] [-d DIR] [PORT]` and
 * `--version`. The listening socket is AF_INET on 0.0.0.0 unless -b names an IPv6 address, with
 * SO_REUSEADDR and a backlog of 5 (request_queue_size), as ss shows it.
 */
export const python3: ProgramImage = {
  vszKb: 25676, rssKb: 18692,
  main: async (proc) => {
    const args = proc.argv.slice(1);
    if (args[0] === '--version' || args[0] === '-V') { await proc.out('Python 3.11.2\n'); return 0; }
    if (args[0] !== '-m' || args[1] !== 'http.server') {
      await proc.err(args[0] === '-m' ? `${proc.argv[0]}: No module named ${args[1] ?? ''}\n` : `${proc.argv[0]}: only "-m http.server" is available in this sandbox\n`);
      return args[0] === '-m' ? 1 : 2;
    }
    let bind: string | undefined;
    let dir = proc.sys.getcwd();
    let port = 8000;
    const rest = args.slice(2);
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '-b' || a === '--bind') bind = rest[++i];
      else if (a.startsWith('--bind=')) bind = a.slice(7);
      else if (a === '-d' || a === '--directory') dir = rest[++i];
      else if (/^\d+$/.test(a)) port = Number(a);
      else if (a === '--cgi' || a === '--protocol' || a === '-p') { if (a !== '--cgi') i++; }
      else {
        await proc.err(`usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\nserver.py: error: argument port: invalid int value: '${a}'\n`);
        return 2;
      }
    }
    const addrs = bind ? await resolveHost(proc.sys, bind) : [{ family: 4 as const, value: 0n }];
    if (!addrs.length) {
      await proc.err(`${TRACE_BIND.split('\n').slice(0, 7).join('\n')}\nsocket.gaierror: [Errno -2] Name or service not known\n`);
      return 1;
    }
    const a = addrs[0];
    const net = await proc.sys.ext<NetApi>('net');
    const host = bind ? (a.family === 6 ? bind.replace(/^\[|\]$/g, '') : bind) : '0.0.0.0';
    const fd = net.socket(a.family === 4 ? 'inet' : 'inet6', 'stream');
    try {
      net.setsockopt(fd, 'SO_REUSEADDR', 1);
      net.bind(fd, { family: a.family, addr: host, port });
      net.listen(fd, 5);
    } catch (e) {
      if (!isKernelError(e)) throw e;
      await proc.err(`${TRACE_BIND}OSError: [Errno ${ERRNO[e.code] ?? e.errno}] ${e.message}\n`);
      return 1;
    }
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const banner = `Serving HTTP on ${host} port ${port} (http://${urlHost}:${port}/) ...\n`;
    // print() is line buffered on a terminal, block buffered into a pipe or file (flushed at exit).
    const tty = proc.sys.isatty(1);
    let pending = '';
    if (tty) await proc.out(banner); else pending = banner;
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => { stop = r; });
    proc.sys.signal(SIG.SIGINT, () => stop());
    await Promise.race([serve(proc, net, fd, dir).catch((e) => { if (!isKernelError(e, 'EINTR')) throw e; }), stopped]);
    await proc.out(`${pending}\nKeyboard interrupt received, exiting.\n`);
    return 0;
  },
};
