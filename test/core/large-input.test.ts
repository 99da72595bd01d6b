// Memory proportional to the input (issue 10 item 5) for one large input: the `yaml` package is
// never handed a large text whole where its large sequences can be read by pieces (the input's
// ResourceList, a dynamic-plugins.yaml inside a ConfigMap), and a large item is written back
// without copies of its lines. Memory itself is measured by `npm run bench` (bench/large.js), not
// here: these tests pin the mechanisms (they fail on the code that parsed whole texts).
import { readResourceList, writeResourceList } from '../../fn/kio/resourcelist';
import { keepWithAnnotation, sequenceItemText } from '../../fn/kio/source-text';
import { mergeDynamicPluginsTexts, parseDynamicPluginsConfig } from '../../fn/plugins/merge';
import { parseYamlDocuments } from '../../fn/yaml';
import { SPLIT_SIZES } from '../../fn/yaml-split';
import { prng, pick } from '../yaml-writer/generate';
import { FC_SEED } from '../fc-seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const large = require('../../bench/large.js') as { envPatch(n: number): string; bigDynamicPlugins(bytes: number): string };

/** The longest text the `yaml` package parses while `f` runs, and f's result. */
function longestParsed<T>(f: () => T): { longest: number; result: T } {
  // The module object itself (an `import *` is a copy with getters, which jest cannot replace).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const all = jest.spyOn(require('yaml') as typeof import('yaml'), 'parseAllDocuments');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const one = jest.spyOn(require('yaml') as typeof import('yaml'), 'parseDocument');
  try {
    const result = f();
    const calls = [...all.mock.calls, ...one.mock.calls];
    return { longest: calls.reduce((m, c) => Math.max(m, c[0].length), 0), result };
  } finally {
    all.mockRestore();
    one.mockRestore();
  }
}

describe('a large text is read by pieces', () => {
  test('a ResourceList with a 10,000-entry env patch (0.7 MB): no piece over 64 KiB, the same items and output as the whole parse', () => {
    const text = large.envPatch(10_000);
    expect(text.length).toBeGreaterThan(600_000);
    const pieces = longestParsed(() => {
      const rl = readResourceList(text);
      return { items: rl.items, out: writeResourceList(rl.items, [], rl.functionConfig) };
    });
    expect(pieces.longest).toBeLessThan(64 * 1024);
    const saved = SPLIT_SIZES.textFrom;
    SPLIT_SIZES.textFrom = Infinity;
    try {
      const rl = readResourceList(text);
      expect(pieces.result.items).toEqual(rl.items);
      expect(pieces.result.out).toBe(writeResourceList(rl.items, [], rl.functionConfig));
    } finally {
      SPLIT_SIZES.textFrom = saved;
    }
    const env = (pieces.result.items[0] as any).spec.deployment.patch.spec.template.spec.containers[0].env;
    expect(env.length).toBe(10_000);
    expect(env[9_999]).toEqual({ name: 'VAR_9999', value: 'value-9999' });
  });

  test('a 2 MB dynamic-plugins.yaml: parsed a few plugins at a time, to the same configuration', () => {
    const rl = readResourceList(large.bigDynamicPlugins(2_000_000));
    const cm = rl.items.find((o) => o.kind === 'ConfigMap') as any;
    const text: string = cm.data['dynamic-plugins.yaml'];
    const { longest, result } = longestParsed(() => parseDynamicPluginsConfig(text));
    expect(longest).toBeLessThan(64 * 1024);
    expect(result).toEqual(wholeParse(text));
    expect(result.plugins?.length).toBeGreaterThan(200);
  });
});

test('a 1 MB dynamic-plugins.yaml merged with a profile’s: the plugins’ configs read for yaml.v2 a batch at a time, the same merged text', () => {
  const plugins = Array.from({ length: 2000 }, (_, i) => `  - package: ./p-${i}\n    disabled: ${i % 2 === 0}\n    pluginConfig:\n      p${i}:\n        ratio: 1.0\n        flag: yes\n        when: 2024-01-01\n        text: "${'x'.repeat(400)}"\n`).join('');
  const overlay = `includes:\n  - dynamic-plugins.default.yaml\nplugins:\n${plugins}  # the last one was removed\n`;
  const base = 'plugins:\n  - package: ./p-1\n    disabled: true\n  - package: ./base-only\n    disabled: false\n';
  expect(overlay.length).toBeGreaterThan(900_000);
  const pieces = longestParsed(() => mergeDynamicPluginsTexts(base, overlay));
  expect(pieces.longest).toBeLessThan(64 * 1024);
  const saved = SPLIT_SIZES.textFrom;
  SPLIT_SIZES.textFrom = Infinity;
  try {
    expect(pieces.result).toBe(mergeDynamicPluginsTexts(base, overlay));
  } finally {
    SPLIT_SIZES.textFrom = saved;
  }
  expect(pieces.result).toContain('      ratio: 1\n');
});

function wholeParse(text: string): unknown {
  const saved = SPLIT_SIZES.textFrom;
  SPLIT_SIZES.textFrom = Infinity;
  try {
    return parseYamlDocuments(text)[0];
  } finally {
    SPLIT_SIZES.textFrom = saved;
  }
}

describe('the CR’s local-config line', () => {
  test('is placed from what the input’s parse found (no second parse of the CR), in each layout', () => {
    const cr = (meta: string) => `- apiVersion: rhdh.redhat.com/v1alpha5\n  kind: Backstage\n${meta}  spec:\n    application: {}\n`;
    const layouts = [
      ['  metadata:\n    name: hub\n', '  metadata:\n    name: hub\n    annotations:\n      config.kubernetes.io/local-config: "true"\n'],
      ['  metadata:\n    name: hub\n    annotations:\n      a: b # theirs\n', '  metadata:\n    name: hub\n    annotations:\n      a: b # theirs\n      config.kubernetes.io/local-config: "true"\n'],
      ['  metadata:\n    annotations:\n      config.kubernetes.io/local-config: \'false\'\n    name: hub\n', '  metadata:\n    annotations:\n      config.kubernetes.io/local-config: "true"\n    name: hub\n'],
      ['  metadata:\n    annotations:\n      config.kubernetes.io/local-config: "true"\n    name: hub\n', '  metadata:\n    annotations:\n      config.kubernetes.io/local-config: "true"\n    name: hub\n'],
    ];
    for (const [meta, expected] of layouts) {
      const rl = readResourceList(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${cr(meta)}`);
      const item = rl.items[0];
      const marked = { ...item, metadata: { ...item.metadata, annotations: { ...(item.metadata.annotations ?? {}), 'config.kubernetes.io/local-config': 'true' } } };
      const { longest } = longestParsed(() => keepWithAnnotation(item, marked, 'config.kubernetes.io/local-config', 'true'));
      expect(longest).toBe(0);
      expect(writeResourceList([marked], [])).toBe(`apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${cr(expected).replace(/^/gm, '  ').replace(/^  $/gm, '').replace(/\n {2}$/, '\n')}`);
    }
  });
});

describe('an item written back at another column', () => {
  /** What the writer did before (every line after the first, unless blank, moved right): the reference. */
  const byLines = (text: string, by: number) =>
    text
      .split('\n')
      .map((l, i) => (i === 0 || l === '' || l === '\r' ? l : ' '.repeat(by) + l))
      .join('\n');
  test('moved right in one pass: the same text as moving each line (blank lines, CRLF, a last line without newline)', () => {
    const rnd = prng(FC_SEED);
    for (let i = 0; i < 2000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(rnd, ['', '\r', ' ', 'a: b', '  - x', '\r\r', ' \r', '#', 'x\r']));
      const text = lines.join(pick(rnd, ['\n', '\n', '\r\n']));
      const by = 1 + Math.floor(rnd() * 4);
      expect(sequenceItemText({ text, dashColumn: 0 }, by)).toBe(`-${byLines(text, by)}`);
    }
  });
});
