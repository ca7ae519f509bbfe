import type { Kernel } from '../Kernel.ts';
import type { PidNamespace } from '../ns/PidNamespace.ts';

/** Memory of the simulated machine in KiB (a modest VM). */
export const MEM_TOTAL_KB = 8039236;

export function uptimeSeconds(kernel: Kernel): number {
  return (kernel.clock.now() - kernel.bootTime) / 1000;
}

export function procUptime(kernel: Kernel): string {
  const up = uptimeSeconds(kernel);
  return `${up.toFixed(2)} ${(up * 1.9).toFixed(2)}\n`;
}

export function procLoadavg(kernel: Kernel, ns: PidNamespace): string {
  const running = [...ns.tasks.values()].filter((t) => t.state === 'R').length;
  let last = 0;
  for (const nr of ns.tasks.keys()) last = Math.max(last, nr);
  return `0.08 0.03 0.01 ${Math.max(1, running)}/${ns.tasks.size} ${last}\n`;
}

export function procMeminfo(kernel: Kernel): string {
  const used = [...kernel.tasks].reduce((s, t) => s + t.rssKb, 0);
  const free = MEM_TOTAL_KB - 1200000 - used;
  const rows: Array<[string, number]> = [
    ['MemTotal', MEM_TOTAL_KB], ['MemFree', free], ['MemAvailable', free + 900000], ['Buffers', 52044],
    ['Cached', 812344], ['SwapCached', 0], ['Active', 402112], ['Inactive', 655320], ['SwapTotal', 0], ['SwapFree', 0],
    ['Shmem', 1120], ['Slab', 98304], ['VmallocTotal', 34359738367], ['HugePages_Total', 0], ['Hugepagesize', 2048],
  ];
  return rows.map(([k, v]) => `${(k + ':').padEnd(15)} ${String(v).padStart(8)}${k.startsWith('HugePages') ? '' : ' kB'}\n`).join('');
}

export function procStatFile(kernel: Kernel): string {
  const ticks = Math.floor(uptimeSeconds(kernel) * 100);
  const running = [...kernel.tasks].filter((t) => t.state === 'R').length;
  return [
    `cpu  ${Math.floor(ticks * 0.03)} 0 ${Math.floor(ticks * 0.02)} ${Math.floor(ticks * 1.9)} 120 0 30 0 0 0`,
    `cpu0 ${Math.floor(ticks * 0.015)} 0 ${Math.floor(ticks * 0.01)} ${Math.floor(ticks * 0.95)} 60 0 15 0 0 0`,
    `cpu1 ${Math.floor(ticks * 0.015)} 0 ${Math.floor(ticks * 0.01)} ${Math.floor(ticks * 0.95)} 60 0 15 0 0 0`,
    'intr 0', 'ctxt 0', `btime ${Math.floor(kernel.bootTime / 1000)}`, `processes ${kernel.tasks.size + 1000}`,
    `procs_running ${Math.max(1, running)}`, 'procs_blocked 0', 'softirq 0', '',
  ].join('\n');
}

export function procCpuinfo(): string {
  return [0, 1].map((n) => [
    `processor\t: ${n}`, 'vendor_id\t: GenuineIntel', 'cpu family\t: 6', 'model\t\t: 158',
    'model name\t: Intel(R) Core(TM) i7-8750H CPU @ 2.20GHz', 'stepping\t: 10', 'cpu MHz\t\t: 2207.998',
    'cache size\t: 9216 KB', `physical id\t: 0`, 'siblings\t: 2', `core id\t\t: ${n}`, 'cpu cores\t: 2',
    'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx rdrand hypervisor lahf_lm abm 3dnowprefetch invpcid_single pti fsgsbase avx2 invpcid rdseed clflushopt md_clear flush_l1d arch_capabilities',
    'bogomips\t: 4415.99', 'address sizes\t: 39 bits physical, 48 bits virtual', '', '',
  ].join('\n')).join('');
}

export function procVersion(kernel: Kernel): string {
  return `Linux version ${kernel.release} (linux@archlinux) (gcc (GCC) 13.2.1 20230801, GNU ld (GNU Binutils) 2.41.0) ${kernel.version}\n`;
}

export const PROC_FILESYSTEMS = [
  'nodev\tsysfs', 'nodev\ttmpfs', 'nodev\tbdev', 'nodev\tproc', 'nodev\tcgroup', 'nodev\tcgroup2', 'nodev\tdevtmpfs',
  'nodev\tdebugfs', 'nodev\tsockfs', 'nodev\tpipefs', 'nodev\tdevpts', 'nodev\tnsfs', '\text4', 'nodev\tmqueue', 'nodev\toverlay', '',
].join('\n');
