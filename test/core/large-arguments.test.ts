// No list from the input is spread into a call's arguments (`push(...list)`): V8 passes each item on
// the stack, and about 120,000 of them overflow it ("Maximum call stack size exceeded"). Issue 10
// item 4; these fail on the code that spread them.
import { readOptionValues } from '../../fn/options';

describe('large lists are appended, not spread into calls', () => {
  test('a pins map of 300,000 images (functionConfig spec.pinImages) is read, its entries checked one by one', () => {
    const pins: Record<string, string> = {};
    for (let i = 0; i < 300_000; i++) pins[`registry.example.com/team/image-${i}`] = `sha256:${String(i).padStart(64, '0')}`;
    const read = readOptionValues({ pinImages: pins }, 'spec.');
    expect(read.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(Object.keys(read.options.pinImages ?? {}).length).toBe(300_000);
  });
});
