// fn/plugins/go-yaml-v2.ts against gopkg.in/yaml.v2 v2.4.0's own tests (encode_test.go at tag
// v2.4.0: marshalTests, TestLineWrapping, TestSortedOutput; ported where the value is one the
// operator's DynaPluginsConfig can hold) and the tricky values a pluginConfig carries.
import { decodeGoV2, formatGoFloat, goFloat, goInt, goMap, goStruct, marshalGoV2, parseForGoV2, resolveGoV2 } from '../../fn/plugins/go-yaml-v2';
import type { GoValue } from '../../fn/plugins/go-yaml-v2';

const m = (o: Record<string, GoValue>) => goMap(Object.entries(o));
const decode = (text: string) => {
  const doc = parseForGoV2(text);
  return decodeGoV2(doc.contents, doc);
};
/** yaml.Unmarshal into interface{} then yaml.Marshal. */
const roundTrip = (text: string) => marshalGoV2(decode(text));

describe('marshalGoV2: encode_test.go marshalTests (v2.4.0)', () => {
  const cases: Array<[GoValue, string]> = [
    [null, 'null\n'],
    [goStruct([]), '{}\n'],
    [m({ v: 'hi' }), 'v: hi\n'],
    [m({ v: 'true' }), 'v: "true"\n'],
    [m({ v: 'false' }), 'v: "false"\n'],
    [m({ v: true }), 'v: true\n'],
    [m({ v: false }), 'v: false\n'],
    [m({ v: goInt(10n) }), 'v: 10\n'],
    [m({ v: goInt(-10n) }), 'v: -10\n'],
    [m({ v: goInt(4294967296n) }), 'v: 4294967296\n'],
    [m({ v: '10' }), 'v: "10"\n'],
    [m({ v: goFloat(0.1) }), 'v: 0.1\n'],
    [m({ v: goFloat(-0.1) }), 'v: -0.1\n'],
    [m({ v: goFloat(Infinity) }), 'v: .inf\n'],
    [m({ v: goFloat(-Infinity) }), 'v: -.inf\n'],
    [m({ v: goFloat(NaN) }), 'v: .nan\n'],
    [m({ v: null }), 'v: null\n'],
    [m({ v: '' }), 'v: ""\n'],
    [m({ v: ['A', 'B'] }), 'v:\n- A\n- B\n'],
    [m({ v: ['A', 'B\nC'] }), 'v:\n- A\n- |-\n  B\n  C\n'],
    [m({ v: ['A', goInt(1n), m({ B: [goInt(2n), goInt(3n)] })] }), 'v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n'],
    [m({ a: m({ b: 'c' }) }), 'a:\n  b: c\n'],
    [m({ a: '-' }), "a: '-'\n"],
    [goInt(123n), '123\n'],
    [goStruct([['hello', 'world']]), 'hello: world\n'],
    [goStruct([['a', goStruct([['b', 'c']])]]), 'a:\n  b: c\n'],
    [goStruct([['a', null]]), 'a: null\n'],
    [goStruct([['a', [goInt(1n), goInt(2n)]]]), 'a:\n- 1\n- 2\n'],
    [goStruct([['a', goFloat(1)]]), 'a: 1\n'],
    [m({ a: '<foo>' }), 'a: <foo>\n'],
    [m({ a: '1:1' }), 'a: "1:1"\n'],
    [m({ a: '\x00' }), 'a: "\\0"\n'],
    [goStruct([['b', goInt(2n)], ['a', goInt(1n)], ['d', goInt(4n)], ['c', goInt(3n)], ['sub', goStruct([['e', goInt(5n)]])]]), 'b: 2\na: 1\nd: 4\nc: 3\nsub:\n  e: 5\n'],
    [m({ a: '你好' }), 'a: 你好\n'],
    [m({ a: '2015-02-24T18:19:39Z' }), 'a: "2015-02-24T18:19:39Z"\n'],
    [m({ a: 'b: c' }), "a: 'b: c'\n"],
    [m({ a: 'Hello #comment' }), "a: 'Hello #comment'\n"],
    [m({ a: '你好 #comment' }), "a: '你好 #comment'\n"],
  ];
  test.each(cases.map(([v, want], i) => [i, v, want] as const))('case %i', (_i, v, want) => {
    expect(marshalGoV2(v)).toBe(want);
  });
});

test('marshalGoV2: TestLineWrapping (v2.4.0 folds at 80 columns by default)', () => {
  const v = m({ a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 ' });
  expect(marshalGoV2(v)).toBe("a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n");
});

test('marshalGoV2: TestSortedOutput (keyList.Less: numbers, then natural string order)', () => {
  const order: GoValue[] = [
    false, true, goInt(1n), { go: 'uint', v: 1n }, goFloat(1.0), goFloat(1.1), goFloat(1.2), goInt(2n), { go: 'uint', v: 2n }, goFloat(2.0), goFloat(2.1),
    '', '.1', '.2', '.a', '1', '2', 'a!10', 'a/0001', 'a/002', 'a/3', 'a/10', 'a/11', 'a/0012', 'a/100', 'a~10', 'ab/1', 'b/1', 'b/01', 'b/2', 'b/02',
    'b/3', 'b/03', 'b1', 'b01', 'b3', 'c2.10', 'c10.2', 'd1', 'd7', 'd7abc', 'd12', 'd12a',
  ];
  const shuffled = [...order].reverse();
  const out = marshalGoV2(goMap(shuffled.map((k) => [k, goInt(1n)])));
  const repr = (k: GoValue) => {
    if (typeof k === 'string') return k === '' || /^[-+]?(\d+\.?\d*|\.\d+)$/.test(k) ? `"${k}"` : k;
    if (k !== null && typeof k === 'object' && 'v' in k) return formatGoFloat(Number(k.v));
    return String(k);
  };
  // as the Go test: each key's line comes at or after the previous one's
  const lines = out.trimEnd().split('\n').map((l) => l.slice(0, l.lastIndexOf(':')));
  let last = 0;
  for (const k of order) {
    const idx = lines.indexOf(repr(k), last);
    expect({ key: k, found: idx >= 0 }).toEqual({ key: k, found: true });
    last = idx;
  }
  expect(lines.length).toBe(order.length);
});

describe('marshalGoV2: strings', () => {
  const cases: Array<[string, string]> = [
    ['yes', 'v: "yes"\n'],
    ['on', 'v: "on"\n'],
    ['No', 'v: "No"\n'],
    ['y', 'v: "y"\n'],
    ['1.0', 'v: "1.0"\n'],
    ['1e3', 'v: "1e3"\n'],
    ['0x1F', 'v: "0x1F"\n'],
    ['1_000', 'v: "1_000"\n'],
    ['08', 'v: "08"\n'],
    ['.5', 'v: ".5"\n'],
    ['~', 'v: "~"\n'],
    ['null', 'v: "null"\n'],
    ['<<', 'v: <<\n'], // resolve() only looks `<<` up after a hint character: a plain string
    ['2024-01-31', 'v: "2024-01-31"\n'],
    ['2024-02-30', 'v: 2024-02-30\n'], // not a date: Go's time.Parse refuses day 30 of February
    ['190:20:30', 'v: "190:20:30"\n'],
    [':', "v: ':'\n"],
    ['a:b', 'v: a:b\n'],
    ['#', "v: '#'\n"],
    ['a#b', 'v: a#b\n'],
    ['- a', "v: '- a'\n"],
    ['-a', 'v: -a\n'],
    ['---', "v: '---'\n"],
    ['*x', "v: '*x'\n"],
    ['@x', "v: '@x'\n"],
    ['{a}', "v: '{a}'\n"],
    ['a, b', 'v: a, b\n'],
    ['it\'s', "v: it's\n"],
    ["'q'", "v: '''q'''\n"],
    ['"q"', "v: '\"q\"'\n"],
    ['  lead', "v: '  lead'\n"],
    ['trail ', "v: 'trail '\n"],
    ['tab\there', 'v: "tab\\there"\n'],
    ['a\nb', 'v: |-\n  a\n  b\n'],
    ['a\nb\n', 'v: |\n  a\n  b\n'],
    ['a\n\n', 'v: |+\n  a\n\n'],
    ['\n', 'v: |2+\n\n'], // a leading break takes the indentation indicator
    [' a\nb', 'v: |2-\n   a\n  b\n'],
    ['a \nb', 'v: "a \\nb"\n'],
    ['a\n b', 'v: |-\n  a\n   b\n'],
    ['é ü 日本', 'v: é ü 日本\n'],
    // yaml.v2's is_printable stops at U+FFFF: characters outside the BMP are escaped
    ['ok 🙂', 'v: "ok \\U0001F642"\n'],
    ['\u00a0x', 'v: \u00a0x\n'], // NBSP is printable and not a space to yaml.v2
    ['\u2028', "v: '\u2028'\n"], // a line break other than \n: single-quoted, written as is
    ['\u007f', 'v: "\\x7F"\n'],
    // is_bom looks at the value's first bytes, not at i: everything after a BOM is escaped too
    ['\ufeffbom', 'v: "\\uFEFF\\x62\\x6F\\x6D"\n'],
    ['https://example.com/a?b=c#frag', 'v: https://example.com/a?b=c#frag\n'],
    ['${BACKEND_URL}', 'v: ${BACKEND_URL}\n'],
  ];
  test.each(cases)('%j', (s, want) => {
    expect(marshalGoV2(m({ v: s }))).toBe(want);
  });

  test('plain strings longer than 80 columns fold at the first space past column 80, indented', () => {
    const long = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    expect(marshalGoV2(m({ description: long }))).toBe(
      'description: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n  word12 word13 word14 word15 word16 word17 word18 word19\n',
    );
    // the folded text reads back as the same string (a YAML 1.1 plain multi-line scalar)
    expect(decode(marshalGoV2(m({ description: long })))).toEqual(m({ description: long }));
  });

  test('a long string without spaces is not folded; double-quoted strings fold with escapes', () => {
    const url = 'https://' + 'x'.repeat(100);
    expect(marshalGoV2(m({ u: url }))).toBe(`u: ${url}\n`);
    const dq = 'true ' + 'x '.repeat(45) + 'end';
    const out = marshalGoV2(m({ k: dq.replace(/^true /, '\ttrue ') }));
    expect(out.split('\n')[0].length).toBeLessThanOrEqual(84);
    expect(out.startsWith('k: "\\ttrue x x')).toBe(true);
    expect(out).toMatch(/\n {2}x/);
  });

  test('nested sequences of maps are not indented under their key; nested maps are', () => {
    expect(marshalGoV2(goStruct([['plugins', [goStruct([['package', './a'], ['disabled', false]])]]]))).toBe('plugins:\n- package: ./a\n  disabled: false\n');
    expect(marshalGoV2(m({ a: [[goInt(1n), goInt(2n)], []] }))).toBe('a:\n- - 1\n  - 2\n- []\n');
    expect(marshalGoV2(m({ a: m({}), b: [], c: m({ d: m({ e: [m({})] }) }) }))).toBe('a: {}\nb: []\nc:\n  d:\n    e:\n    - {}\n');
  });

  test('a multi-line key and a key over 128 bytes are not simple keys: "? "', () => {
    expect(marshalGoV2(m({ 'a\nb': goInt(1n) }))).toBe('? |-\n  a\n  b\n: 1\n');
    const k = 'k'.repeat(129);
    expect(marshalGoV2(m({ [k]: goInt(1n) }))).toBe(`? ${k}\n: 1\n`);
  });
});

describe('formatGoFloat (strconv.FormatFloat(f, g, -1, 64))', () => {
  test.each([
    [1, '1'],
    [0.1, '0.1'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e300, '1.5e+300'],
    [-2.5, '-2.5'],
    [123456.789, '123456.789'],
  ])('%p', (f, want) => expect(formatGoFloat(f)).toBe(want));
});

describe('resolveGoV2 / decodeGoV2 (yaml.Unmarshal into interface{})', () => {
  test('plain scalars resolve as YAML 1.1 in yaml.v2', () => {
    expect(resolveGoV2('yes').value).toBe(true);
    expect(resolveGoV2('Off').value).toBe(false);
    expect(resolveGoV2('0x10').value).toEqual(goInt(16n));
    expect(resolveGoV2('010').value).toEqual(goInt(8n));
    expect(resolveGoV2('0o10').value).toEqual(goInt(8n));
    expect(resolveGoV2('0b101').value).toEqual(goInt(5n));
    expect(resolveGoV2('-0b101').value).toEqual(goInt(-5n));
    expect(resolveGoV2('1_000').value).toEqual(goInt(1000n));
    expect(resolveGoV2('08').value).toEqual(goFloat(8));
    expect(resolveGoV2('18446744073709551615').value).toEqual({ go: 'uint', v: 18446744073709551615n });
    expect(resolveGoV2('18446744073709551616').value).toEqual(goFloat(18446744073709551616));
    expect(resolveGoV2('1.0').value).toEqual(goFloat(1));
    expect(resolveGoV2('1e3').value).toEqual(goFloat(1000));
    expect(resolveGoV2('.5').value).toEqual(goFloat(0.5));
    expect(resolveGoV2('190:20:30').value).toBe('190:20:30');
    expect(resolveGoV2('2001-12-14').tag).toBe('timestamp');
    expect(resolveGoV2('2001-12-14t21:59:43.10-05:00').tag).toBe('timestamp');
    expect(resolveGoV2('2001-12-14 21:59:43.10').tag).toBe('timestamp');
    expect(resolveGoV2('2001-12-14 21:59:43.10 -5').tag).toBe('str');
    expect(resolveGoV2('+').value).toBe('+');
  });

  test('round trip of a pluginConfig: values normalised, keys sorted, lists unindented', () => {
    const text = [
      'zeta: 1',
      'alpha:',
      '  enabled: yes',
      '  ratio: 1.0',
      '  big: 1e6',
      '  hex: 0x1F',
      '  when: 2024-01-31',
      '  quoted: "yes"',
      '  none: ~',
      '  empty:',
      '  list:',
      '    - b',
      '    - 1',
      '  "1": one',
      '  2: two',
      '  true: t',
      'anchors:',
      '  base: &b {x: 1, y: 2}', // `y` is the boolean true to yaml.v2
      '  derived:',
      '    <<: *b',
      '    y: 3',
      'text: |',
      '  line one',
      '  line two',
    ].join('\n');
    expect(roundTrip(text)).toBe(
      [
        'alpha:',
        '  true: t', // bool key (kind Bool) sorts before numbers and strings
        '  2: two',
        '  "1": one',
        '  big: 1e+06',
        '  empty: null',
        '  enabled: true',
        '  hex: 31',
        '  list:',
        '  - b',
        '  - 1',
        '  none: null',
        '  quoted: "yes"',
        '  ratio: 1',
        '  when: "2024-01-31"',
        'anchors:',
        '  base:',
        '    true: 2',
        '    x: 1',
        '  derived:',
        '    true: 3',
        '    x: 1',
        'text: |',
        '  line one',
        '  line two',
        'zeta: 1',
        '',
      ].join('\n'),
    );
  });
});
