import { describe, expect, test } from 'vitest';
import { netBox } from '../../../sandbox/netTestkit.ts';

describe('nc', () => {
  test('data crosses a TCP connection between namespaces routed through a bridge', async () => {
    const box = await netBox();
    const a = await box.bridgeContainer({ bridge: 'br0', gateway: '10.10.0.1', veth: 'vetha', addr: '10.10.0.2', mac: '02:42:0a:0a:00:02' });
    const b = await box.bridgeContainer({ bridge: 'br0', gateway: '10.10.0.1', veth: 'vethb', addr: '10.10.0.3', mac: '02:42:0a:0a:00:03' });
    const srv = await box.spawn(['nc', '-l', '-p', '9000', '-v'], { from: b });
    const cli = await box.run('nc -N -v 10.10.0.3 9000', { from: a, stdin: 'over the bridge\n' });
    expect(cli.stderr).toBe('Connection to 10.10.0.3 9000 port [tcp/*] succeeded!\n');
    const r = await srv.result;
    expect(r.stdout).toBe('over the bridge\n');
    expect(r.stderr).toMatch(/^Listening on 0\.0\.0\.0 9000\nConnection received on 10\.10\.0\.2 \d+\n$/);
  });

  test('a port nobody listens on is refused; -z scans without sending', async () => {
    const box = await netBox();
    expect(await box.run('nc -z -v 127.0.0.1 81')).toEqual({ stdout: '', stderr: 'nc: connect to 127.0.0.1 port 81 (tcp) failed: Connection refused\n', status: 1 });
    expect(await box.run('nc -z -v 127.0.0.1 22')).toEqual({ stdout: '', stderr: 'Connection to 127.0.0.1 22 port [tcp/ssh] succeeded!\n', status: 0 });
  });

  test('UDP datagrams', async () => {
    const box = await netBox();
    const srv = await box.spawn(['nc', '-u', '-l', '-p', '5000']);
    await box.run('nc -u -q 0 127.0.0.1 5000', { stdin: 'ping over udp\n' });
    expect((await box.run('ss -uan')).stdout).toContain('127.0.0.1:5000');
    const pid = [...box.kernel.tasks].find((t) => t.comm === 'nc')!.pid.nrIn(box.kernel.initPidNs);
    await box.run(['kill', String(pid)]);
    expect((await srv.result).stdout).toBe('ping over udp\n');
  });
});
