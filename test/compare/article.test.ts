import { describe, expect, test } from 'vitest';
import { runTranscript } from '../../src/cli/transcript.ts';
import { bootSandbox } from '../../src/sandbox/index.ts';

/**
 * The source article's session (shared/source-article.txt), typed as its author did. Every
 * observation it makes must come out of the model: host processes with --pid=host, only bash and
 * ps without it, an empty `ss`, and the host's interfaces with --network=host.
 */
describe("the article's observations", () => {
  test('--pid=host shows the host init and kernel threads; the default shows bash as PID 1 and ps', async () => {
    const { entries } = await runTranscript(bootSandbox(), [
      'docker run -it --pid=host rust:latest bash', 'ps aux', 'exit',
      'docker run -it  rust:latest bash', 'ps aux', 'exit',
    ], 80);
    const [runHost, psHost, , runDefault, psDefault] = entries;
    expect(runHost.output).toBe('');
    expect(psHost.prompt).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    const hostLines = psHost.output.split('\n');
    expect(hostLines[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(hostLines[1]).toMatch(/^root {11}1 +\d+\.\d +\d+\.\d +29196 +11860 \? +Ss +Nov19 +0:04 \/sbin\/init$/);
    expect(hostLines[2]).toMatch(/^root {11}2 .* \? +S +Nov19 +0:00 \[kthreadd\]$/);
    expect(hostLines[3]).toMatch(/^root {11}3 .* \? +I< +Nov19 +0:00 \[rcu_gp\]$/);
    expect(hostLines.length).toBeGreaterThan(50);
    expect(runDefault.output).toBe('');
    const lines = psDefault.output.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^root {11}1 .* pts\/0 +Ss +09:13 +0:00 bash$/);
    expect(lines[2]).toMatch(/^root +\d+ .* pts\/0 +R\+ +09:13 +0:00 ps aux$/);
    expect(psDefault.prompt).not.toBe(psHost.prompt);
  });

  test('ss in a default container prints only its header, spread to the terminal width', async () => {
    const { entries } = await runTranscript(bootSandbox(), ['docker run -it rust:latest bash', 'ss'], 80);
    expect(entries[1].output).toBe('Netid  State  Recv-Q  Send-Q   Local Address:Port   Peer Address:Port  Process  ');
  });

  test('--network=host: the host name in the prompt, lo, eth0 10.0.2.15/24 and a carrier-less docker0', async () => {
    const { entries } = await runTranscript(bootSandbox(), ['docker run -it --network=host rust:latest bash', 'ip a'], 200);
    expect(entries[1].prompt).toBe('root@archlinux:/# ');
    const ipa = entries[1].output;
    expect(ipa).toContain('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n');
    expect(ipa).toContain('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    link/ether 08:00:27:8f:83:2c brd ff:ff:ff:ff:ff:ff\n    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic eth0\n');
    expect(ipa).toContain('3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default \n    link/ether 02:42:6d:bc:a4:1f brd ff:ff:ff:ff:ff:ff\n    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n');
  });

  test('after exit the host prompt returns and no container process is left running', async () => {
    const sb = bootSandbox();
    const { entries } = await runTranscript(sb, ['docker run -it rust:latest bash', 'exit', 'docker ps -q'], 80);
    expect(entries[2].prompt).toBe('vagrant@archlinux ~ $ ');
    expect(entries[2].output).toBe('');
    const shims = [...sb.host.kernel.tasks].filter((t) => t.comm.startsWith('containerd-shim') && t.alive);
    expect(shims).toEqual([]);
  });
});
