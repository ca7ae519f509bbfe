import type { ProgramImage } from '../../../kernel/program.ts';
import { busybox, busyboxHas } from './busybox.ts';
import { apkProgram, cargoProgram, rustcProgram, rustupProgram } from './toolchain.ts';
import { hello } from './hello.ts';
import { nginx } from './nginx.ts';
import { redisCli, redisServer } from './redis.ts';

/** Programs only images ship (the host's /usr/bin has none of them). */
export const IMAGE_PROGRAMS: Record<string, ProgramImage> = {
  busybox, rustc: rustcProgram, cargo: cargoProgram, rustup: rustupProgram, apk: apkProgram,
  nginx, 'redis-server': redisServer, 'redis-cli': redisCli, hello,
};

/** Multi-call binaries: which link names they answer to. */
export const MULTICALL: Record<string, (name: string) => boolean> = { busybox: busyboxHas };
