import type { ProgramFile } from '../../../kernel/program.ts';
import { busyboxHas } from './busyboxApplets.ts';

/**
 * Programs only images ship (the host's /usr/bin has none of them), read in at their first exec in a
 * container (kernel/loader.ts): a visitor who never starts nginx never downloads it.
 */
export const IMAGE_PROGRAMS: Record<string, ProgramFile> = {
  busybox: () => import('./busybox.ts').then((m) => m.busybox),
  rustc: () => import('./toolchain.ts').then((m) => m.rustcProgram),
  cargo: () => import('./toolchain.ts').then((m) => m.cargoProgram),
  rustup: () => import('./toolchain.ts').then((m) => m.rustupProgram),
  apk: () => import('./toolchain.ts').then((m) => m.apkProgram),
  nginx: () => import('./nginx.ts').then((m) => m.nginx),
  'redis-server': () => import('./redis.ts').then((m) => m.redisServer),
  'redis-cli': () => import('./redis.ts').then((m) => m.redisCli),
  hello: () => import('./hello.ts').then((m) => m.hello),
};

/** Multi-call binaries: which link names they answer to. */
export const MULTICALL: Record<string, (name: string) => boolean> = { busybox: busyboxHas };
