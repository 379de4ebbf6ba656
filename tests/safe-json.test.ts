import { describe, expect, it } from 'vitest';
import { safeJson } from '../src/shared/safe-json.ts';

describe('safeJson', () => {
  it('cannot close a script element and still parses back to the same value', () => {
    const value = { label: '</script><script>window.__xss=1</script>', amp: 'a&b', sep: 'x\u2028y' };
    const text = safeJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
