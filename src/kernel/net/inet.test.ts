import { describe, expect, test } from 'vitest';
import { formatIpv6, linkLocalFromMac, parseIp, parseIpv6, procHex4 } from './inet.ts';

describe('address text forms (inet_pton / inet_ntop)', () => {
  test('IPv6 compression follows glibc: the longest zero run, v4-mapped tails dotted', () => {
    for (const s of ['::', '::1', 'fe80::a00:27ff:fe8f:832c', '2001:db8::1:0:0:1', '::ffff:127.0.0.1', '1::', '1:0:0:2::3']) {
      expect(formatIpv6(parseIpv6(s)!)).toBe(s);
    }
    expect(formatIpv6(parseIpv6('2001:0db8:0000:0000:0000:0000:0000:0001')!)).toBe('2001:db8::1');
    expect(parseIp('256.1.1.1')).toBeNull();
  });

  test('link-local addresses come from the MAC (EUI-64)', () => {
    expect(formatIpv6(linkLocalFromMac('02:42:ac:11:00:02'))).toBe('fe80::42:acff:fe11:2');
    expect(formatIpv6(linkLocalFromMac('08:00:27:8f:83:2c'))).toBe('fe80::a00:27ff:fe8f:832c');
  });

  test('/proc/net prints IPv4 as the little-endian word', () => {
    expect(procHex4(0x7f000001n)).toBe('0100007F');
  });
});
