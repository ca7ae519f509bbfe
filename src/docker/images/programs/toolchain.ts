import type { ProgramImage, Proc } from '../../../kernel/program.ts';

/** rust:1.91.1's toolchain as version-printing stand-ins (nsbox compiles nothing). */
const RUSTC = 'rustc 1.91.1 (ed61e7d7e 2025-11-07)';
const CARGO = 'cargo 1.91.1 (ea2d97820 2025-10-10)';

const name = (p: Proc) => p.argv[0].slice(p.argv[0].lastIndexOf('/') + 1);

async function rustc(proc: Proc): Promise<number> {
  const a = proc.argv.slice(1);
  const tool = name(proc);
  if (a[0] === '--version' || a[0] === '-V') {
    await proc.out(tool === 'rustdoc' ? 'rustdoc 1.91.1 (ed61e7d7e 2025-11-07)\n' : tool === 'rustfmt' ? 'rustfmt 1.8.0-stable (ed61e7d7e 2025-11-07)\n' : `${RUSTC}\n`);
    return 0;
  }
  if (a.length === 0) {
    await proc.out('Usage: rustc [OPTIONS] INPUT\n\nOptions:\n    -h, --help          Display this message\n    -V, --version       Print version info and exit\n');
    return 0;
  }
  await proc.err('error: nsbox\'s rustc only prints its version (try `rustc --version`)\n');
  return 1;
}

async function cargo(proc: Proc): Promise<number> {
  const a = proc.argv.slice(1);
  if (a[0] === '--version' || a[0] === '-V' || a[0] === 'version') { await proc.out(`${CARGO}\n`); return 0; }
  if (a.length === 0 || a[0] === '--help' || a[0] === '-h') {
    await proc.out('Rust\'s package manager\n\nUsage: cargo [+toolchain] [OPTIONS] [COMMAND]\n\nOptions:\n  -V, --version  Print version info and exit\n  -h, --help     Print help\n');
    return 0;
  }
  await proc.err(`error: no such command: \`${a[0]}\`\n`);
  return 101;
}

async function rustup(proc: Proc): Promise<number> {
  const a = proc.argv.slice(1);
  if (a[0] === '--version' || a[0] === '-V') {
    await proc.out('rustup 1.28.2 (e4f3ad6f8 2025-04-28)\n');
    await proc.err('info: This is the version for the rustup toolchain manager, not the rustc compiler.\ninfo: The currently active `rustc` version is `rustc 1.91.1 (ed61e7d7e 2025-11-07)`\n');
    return 0;
  }
  if (a[0] === 'show') {
    await proc.out('Default host: x86_64-unknown-linux-gnu\nrustup home:  /usr/local/rustup\n\ninstalled toolchains\n--------------------\n1.91.1-x86_64-unknown-linux-gnu (active, default)\n\nactive toolchain\n----------------\nname: 1.91.1-x86_64-unknown-linux-gnu\nactive because: it\'s the default toolchain\ninstalled targets:\n  x86_64-unknown-linux-gnu\n');
    return 0;
  }
  await proc.out('rustup 1.28.2 (e4f3ad6f8 2025-04-28)\nThe Rust toolchain installer\n\nUsage: rustup [OPTIONS] [+toolchain] [COMMAND]\n');
  return 0;
}

export const rustcProgram: ProgramImage = { vszKb: 15012, rssKb: 9336, main: rustc };
export const cargoProgram: ProgramImage = { vszKb: 26712, rssKb: 11520, main: cargo };
export const rustupProgram: ProgramImage = { vszKb: 22404, rssKb: 8788, main: rustup };

async function apk(proc: Proc): Promise<number> {
  const a = proc.argv.slice(1);
  if (a[0] === '--version' || a[0] === '-V') { await proc.out('apk-tools 2.14.6, compiled for x86_64.\n'); return 0; }
  if (a[0] === 'add' || a[0] === 'update' || a[0] === 'upgrade') {
    await proc.out('fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\n');
    await proc.err('WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/v3.21/main: temporary error (try again later)\n');
    if (a[0] === 'add') { await proc.err(`ERROR: unable to select packages:\n${a.slice(1).filter((x) => !x.startsWith('-')).map((p) => `  ${p} (no such package):\n    required by: world[${p}]\n`).join('')}`); return 1; }
    return 1;
  }
  await proc.out('apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n');
  return 1;
}
export const apkProgram: ProgramImage = { vszKb: 3412, rssKb: 2100, main: apk };
