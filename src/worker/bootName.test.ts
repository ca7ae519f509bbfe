import { describe, expect, test } from 'vitest';
import { decodeBootOptions, encodeBootOptions } from './bootName.ts';

describe('boot options in the worker name', () => {
  test('round-trip through `nsbox-sandbox?…`', () => {
    const opts = { seed: 2147483646, testHooks: true, preopen: { cols: 80, rows: 24 } };
    expect(decodeBootOptions(`nsbox-sandbox?${encodeBootOptions(opts)}`)).toEqual(opts);
    expect(decodeBootOptions(`nsbox-sandbox?${encodeBootOptions({ seed: 7 })}`)).toEqual({ seed: 7, testHooks: false });
  });

  test('a name without options, or with a seed out of range, boots nothing', () => {
    expect(decodeBootOptions('nsbox-sandbox')).toBeNull();
    expect(decodeBootOptions('nsbox-sandbox?seed=0')).toBeNull();
    expect(decodeBootOptions('nsbox-sandbox?seed=1.5')).toBeNull();
    expect(decodeBootOptions('nsbox-sandbox?seed=abc')).toBeNull();
    expect(decodeBootOptions('nsbox-sandbox?seed=2147483648')).toBeNull();
    expect(decodeBootOptions('nsbox-sandbox?preopen=80x24')).toBeNull();
  });

  test('a malformed terminal size is ignored, the seed still boots', () => {
    expect(decodeBootOptions('nsbox-sandbox?seed=5&preopen=80by24')).toEqual({ seed: 5, testHooks: false });
  });
});
