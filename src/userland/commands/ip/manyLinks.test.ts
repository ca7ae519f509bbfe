import { describe, expect, test } from 'vitest';
import { netBox } from '../../../sandbox/netTestkit.ts';

/** `ip a` over many links looks peers, masters and addresses up by index; the text must not change. */
describe('ip address with many links', () => {
  test('the full listing is each link\'s own listing, in order, with peers and masters named', async () => {
    const box = await netBox();
    const must = async (cmd: string) => {
      const r = await box.run(cmd);
      expect(r, cmd).toMatchObject({ status: 0, stderr: '' });
      return r.stdout;
    };
    await must('ip link add br9 type bridge');
    for (let i = 0; i < 12; i++) {
      await must(`ip link add va${i} type veth peer name vb${i}`);
      if (i % 3 === 0) await must(`ip link set va${i} master br9`);
      if (i % 2 === 0) await must(`ip addr add 10.9.${i}.1/24 dev va${i}`);
      await must(`ip link set va${i} up`);
    }
    const all = await must('ip a');
    const names = [...all.matchAll(/^\d+: ([^:@]+)[:@]/gm)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['lo', 'br9', 'va0', 'vb0', 'va11', 'vb11']));
    let pieces = '';
    for (const n of names) pieces += await must(`ip a show dev ${n}`);
    expect(all).toBe(pieces);
    expect(all).toMatch(/: va3@vb3: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br9 state LOWERLAYERDOWN /);
    expect(all).toMatch(/: vb4@va4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN /);
    expect(all).toMatch(/: va4@vb4: [^\n]*\n[^\n]*\n {4}inet 10\.9\.4\.1\/24 scope global va4\n/);
    const brief = await must('ip -br a');
    expect(brief).toMatch(/^va2@vb2 +LOWERLAYERDOWN +10\.9\.2\.1\/24 \n/m);
    expect(await must('ip -4 -br a')).not.toMatch(/^va1@/m);
  });
});
