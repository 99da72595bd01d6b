import { Diagnostics } from '../../fn/diagnostics';
import {
  DynamicPluginsConfigError,
  isPluginEnabled,
  mergeDynamicPluginsConfigs,
  mergeDynamicPluginsTexts,
  parseDynamicPluginsConfig,
  stringifyDynamicPluginsConfig,
} from '../../fn/plugins/merge';

const merge = (a: string, b: string, diag?: Diagnostics) =>
  mergeDynamicPluginsConfigs(parseDynamicPluginsConfig(a), parseDynamicPluginsConfig(b), { diag });

describe('parseDynamicPluginsConfig', () => {
  test('reads plugins with integrity, activation, pluginConfig and dependencies', () => {
    const c = parseDynamicPluginsConfig(`
plugins:
  - package: "plugin-a"
    integrity: "sha256-abc123"
    disabled: false
    pluginConfig:
      key1: "value1"
      key2: "value2"
    dependencies:
      - ref: "dependency-1"
      - ref: "dependency-2"
  - package: "plugin-b"
    integrity: "sha256-def456"
    disabled: true
    pluginConfig:
      key3: "value3"
    dependencies: []
`);
    expect(c).toEqual({
      plugins: [
        {
          package: 'plugin-a',
          integrity: 'sha256-abc123',
          disabled: false,
          pluginConfig: { key1: 'value1', key2: 'value2' },
          dependencies: [{ ref: 'dependency-1' }, { ref: 'dependency-2' }],
        },
        { package: 'plugin-b', integrity: 'sha256-def456', disabled: true, pluginConfig: { key3: 'value3' }, dependencies: [] },
      ],
    });
    expect(isPluginEnabled(c.plugins![0])).toBe(true);
    expect(isPluginEnabled(c.plugins![1])).toBe(false);
  });

  test('empty text is an empty configuration', () => {
    expect(parseDynamicPluginsConfig('')).toEqual({});
    expect(parseDynamicPluginsConfig('# only a comment\n')).toEqual({});
  });

  test.each([
    ['plugins: {}', 'plugins', 'expected a list of plugins, found a mapping'],
    ['plugins:\n  - just-a-string', 'plugins[0]', 'expected a plugin'],
    ['plugins:\n  - package: a\n  - package: b\n    disabled: "yes"', 'plugins[1].disabled', 'expected true or false, found a string "yes"'],
    ['plugins:\n  - package: a\n    enabled: 1', 'plugins[0].enabled', 'expected true or false'],
    ['plugins:\n  - package: 5', 'plugins[0].package', 'expected a string, found a number'],
    ['plugins:\n  - package: a\n    pluginConfig: [1]', 'plugins[0].pluginConfig', 'expected a mapping, found a list'],
    ['plugins:\n  - package: a\n    dependencies: x', 'plugins[0].dependencies', 'expected a list'],
    ['plugins:\n  - package: a\n    dependencies:\n      - ref: [x]', 'plugins[0].dependencies[0].ref', 'expected a string'],
    ['includes: x', 'includes', 'expected a list of strings'],
    ['includes: [a, {b: c}]', 'includes[1]', 'expected a string'],
    ['- a\n- b', undefined, 'expected a mapping'],
  ])('%j is rejected at %s', (text, path, msg) => {
    let err: unknown;
    try {
      parseDynamicPluginsConfig(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DynamicPluginsConfigError);
    expect((err as DynamicPluginsConfigError).path).toBe(path);
    expect((err as Error).message).toContain(msg);
  });

  test('bad YAML is a DynamicPluginsConfigError with the line', () => {
    expect(() => parseDynamicPluginsConfig('plugins:\n  - package: a\n   bad: [')).toThrow(DynamicPluginsConfigError);
  });
});

describe('isPluginEnabled (enabled wins over disabled)', () => {
  test.each([
    [{ package: 'p' }, true],
    [{ package: 'p', disabled: true }, false],
    [{ package: 'p', disabled: false }, true],
    [{ package: 'p', enabled: true }, true],
    [{ package: 'p', enabled: false }, false],
    [{ package: 'p', enabled: true, disabled: true }, true],
    [{ package: 'p', enabled: false, disabled: false }, false],
  ])('%j -> %s', (p, expected) => {
    expect(isPluginEnabled(p)).toBe(expected);
  });
});

describe('mergeDynamicPluginsConfigs', () => {
  test("the operator's merge case: override, keep, add; includes unioned", () => {
    const merged = merge(
      `
plugins:
  - package: "./plugin-a"
    integrity: "sha256-abc123"
    disabled: false
    pluginConfig:
      key1: "value1"
    dependencies:
      - ref: "dependency-1"
  - package: "./plugin-b"
    integrity: "sha256-def456"
    disabled: true
    pluginConfig:
      key2: "value2"
    dependencies:
      - ref: "dependency-2"
  - package: "./plugin-c"
    integrity: "sha256-ghi789"
    pluginConfig:
      key3: "value3"
  - package: "./plugin-d"
    disabled: true
    integrity: "sha256-ddd"
    pluginConfig:
      key: "value"
includes:
  - "include-1"
`,
      `
plugins:
  - package: "./plugin-a"
    integrity: "sha256-overridden"
    pluginConfig:
      key1: "overridden"
    dependencies:
      - ref: "dependency-3"
  - package: "./plugin-d"
  - package: "./plugin-e"
includes:
  - "include-2"
`,
    );
    expect(merged).toEqual({
      includes: ['include-1', 'include-2'],
      plugins: [
        { package: './plugin-a', integrity: 'sha256-overridden', disabled: false, pluginConfig: { key1: 'overridden' }, dependencies: [{ ref: 'dependency-3' }] },
        { package: './plugin-b', integrity: 'sha256-def456', disabled: true, pluginConfig: { key2: 'value2' }, dependencies: [{ ref: 'dependency-2' }] },
        { package: './plugin-c', integrity: 'sha256-ghi789', disabled: false, pluginConfig: { key3: 'value3' } },
        // an overlay entry with no activation keeps the base's disabled: true (main; release-1.10 reset it)
        { package: './plugin-d', integrity: 'sha256-ddd', disabled: true, pluginConfig: { key: 'value' } },
        // new plugin: no integrity key, but always a disabled key (the operator's struct has no omitempty there)
        { package: './plugin-e', disabled: false },
      ],
    });
    expect(stringifyDynamicPluginsConfig({ plugins: [merged.plugins![4]] })).toBe('plugins:\n- package: ./plugin-e\n  disabled: false\n');
  });

  test('pluginConfig is replaced wholesale, not deep-merged; {} clears it; null keeps it', () => {
    const base = 'plugins:\n  - package: a\n    pluginConfig: {x: {q: 1, z: 2}}\n  - package: b\n    pluginConfig: {k: v}\n  - package: c\n    pluginConfig: {k: v}';
    expect(merge(base, 'plugins:\n  - package: a\n    pluginConfig: {x: {q: 3}}\n  - package: b\n    pluginConfig: {}\n  - package: c\n    pluginConfig:')).toEqual({
      plugins: [
        { package: 'a', disabled: false, pluginConfig: { x: { q: 3 } } },
        { package: 'b', disabled: false },
        { package: 'c', disabled: false, pluginConfig: { k: 'v' } },
      ],
    });
  });

  test('pluginConfig with different top-level keys on each side: only the overlay keys remain (no shallow merge)', () => {
    const base = 'plugins:\n  - package: a\n    pluginConfig: {dynamicPlugins: {frontend: {x: 1}}, proxy: {endpoints: {e: 1}}}';
    expect(merge(base, 'plugins:\n  - package: a\n    pluginConfig: {catalog: {rules: [r]}}')).toEqual({
      plugins: [{ package: 'a', disabled: false, pluginConfig: { catalog: { rules: ['r'] } } }],
    });
  });

  test('dependencies: replaced; an explicit [] clears them; absent keeps them', () => {
    const base = 'plugins:\n  - package: a\n    disabled: true\n    pluginConfig: {key1: value1}\n    dependencies: [{ref: dependency-1}]\n  - package: b\n    dependencies: [{ref: d2}]\n  - package: c\n    dependencies: [{ref: d3}]';
    expect(merge(base, 'plugins:\n  - package: a\n    pluginConfig: {key1: overridden}\n    dependencies: []\n  - package: b\n    dependencies: [{ref: d4}, {ref: d5}]\n  - package: c')).toEqual({
      plugins: [
        { package: 'a', disabled: true, pluginConfig: { key1: 'overridden' } },
        { package: 'b', disabled: false, dependencies: [{ ref: 'd4' }, { ref: 'd5' }] },
        { package: 'c', disabled: false, dependencies: [{ ref: 'd3' }] },
      ],
    });
  });

  test('integrity: only a non-empty overlay value replaces it', () => {
    expect(merge('plugins:\n  - package: a\n    integrity: sha-1\n  - package: b\n    integrity: sha-2', 'plugins:\n  - package: a\n    integrity: ""\n  - package: b\n    integrity: sha-3')).toEqual({
      plugins: [
        { package: 'a', integrity: 'sha-1', disabled: false },
        { package: 'b', integrity: 'sha-3', disabled: false },
      ],
    });
  });

  test('enabled/disabled: enabled overrides and resets disabled; disabled: true drops enabled; neither keeps the base', () => {
    const base = 'plugins:\n  - {package: a, enabled: true}\n  - {package: b, disabled: true}\n  - {package: c, disabled: true, integrity: sha-abc}\n  - {package: d, enabled: false}\n  - {package: e, enabled: true}';
    const merged = merge(base, 'plugins:\n  - {package: a, disabled: true}\n  - {package: b, enabled: true}\n  - {package: c, integrity: sha-overridden}\n  - {package: d, disabled: false}\n  - {package: e, enabled: false, disabled: false}');
    expect(merged).toEqual({
      plugins: [
        { package: 'a', disabled: true },
        { package: 'b', enabled: true, disabled: false },
        { package: 'c', integrity: 'sha-overridden', disabled: true },
        { package: 'd', enabled: false, disabled: false },
        { package: 'e', enabled: false, disabled: false },
      ],
    });
    expect(merged.plugins!.map((p) => isPluginEnabled(p))).toEqual([false, true, false, false, false]);
  });

  test('includes: union in first-occurrence order; an explicit [] clears; absent/null keeps', () => {
    expect(merge('includes: [i1, i2]', 'includes: [i2, i3, i1]')).toEqual({ includes: ['i1', 'i2', 'i3'] });
    expect(merge('includes: [include-1]', 'plugins:\n  - package: ./plugin-a\nincludes: []')).toEqual({ plugins: [{ package: './plugin-a', disabled: false }] });
    expect(merge('includes: [i1]', 'includes:')).toEqual({ includes: ['i1'] });
    expect(merge('includes: [i1]', 'plugins: []')).toEqual({ includes: ['i1'] });
  });

  test('stable order: base order, then new overlay plugins in their order', () => {
    const merged = merge('plugins:\n  - package: z\n  - package: a\n  - package: m', 'plugins:\n  - package: w\n  - package: a\n    disabled: true\n  - package: b');
    expect(merged.plugins!.map((p) => p.package)).toEqual(['z', 'a', 'm', 'w', 'b']);
  });

  test('a package listed twice: base -> last content at first position; overlay -> merged in turn', () => {
    const merged = merge(
      'plugins:\n  - {package: a, integrity: one}\n  - {package: b}\n  - {package: a, pluginConfig: {k: 2}}',
      'plugins:\n  - {package: p, integrity: first}\n  - {package: p, disabled: true}',
    );
    expect(merged).toEqual({
      plugins: [
        { package: 'a', disabled: false, pluginConfig: { k: 2 } },
        { package: 'b', disabled: false },
        { package: 'p', integrity: 'first', disabled: true },
      ],
    });
  });

  test('keys the operator does not know are dropped, each with a warning', () => {
    const diag = new Diagnostics();
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'my-plugins', namespace: 'ns' } };
    const merged = mergeDynamicPluginsConfigs(
      parseDynamicPluginsConfig('plugins:\n  - package: a\n    pullPolicy: Always'),
      parseDynamicPluginsConfig('extra: 1\nplugins:\n  - package: a\n    dependencies: [{ref: x, version: 2}]\n  - package: b\n    forceDownload: true'),
      { diag, overlayWhere: { ref: cm, path: 'data.dynamic-plugins.yaml' }, baseWhere: { file: 'default-config/dynamic-plugins.yaml' } },
    );
    expect(merged).toEqual({
      plugins: [
        { package: 'a', disabled: false, dependencies: [{ ref: 'x' }] },
        { package: 'b', disabled: false },
      ],
    });
    expect(diag.results.map((r) => [r.severity, r.field?.path, r.resourceRef?.name ?? r.file?.path])).toEqual([
      ['warning', 'data.dynamic-plugins.yaml.extra', 'my-plugins'],
      ['warning', 'plugins[0].pullPolicy', 'default-config/dynamic-plugins.yaml'],
      ['warning', 'data.dynamic-plugins.yaml.plugins[0].dependencies[0].version', 'my-plugins'],
      ['warning', 'data.dynamic-plugins.yaml.plugins[1].forceDownload', 'my-plugins'],
    ]);
  });

  test('no base: the overlay as is (the operator returns the text verbatim)', () => {
    const overlay = parseDynamicPluginsConfig('plugins:\n  - package: a\n    custom: kept\n');
    const out = mergeDynamicPluginsConfigs(undefined, overlay);
    expect(out).toEqual({ plugins: [{ package: 'a', custom: 'kept' }] });
    expect(out).not.toBe(overlay);
  });

  test('inputs are not modified', () => {
    const base = parseDynamicPluginsConfig('plugins:\n  - {package: a, pluginConfig: {k: 1}, dependencies: [{ref: r}]}');
    const before = JSON.stringify(base);
    mergeDynamicPluginsConfigs(base, parseDynamicPluginsConfig('plugins:\n  - {package: a, pluginConfig: {k: 2}, dependencies: []}'));
    expect(JSON.stringify(base)).toBe(before);
  });

  test('with resolveReferences (OPERATOR_DP_PROCESSING): {{inherit}} packages resolve against the base before merging', () => {
    const merged = mergeDynamicPluginsConfigs(
      parseDynamicPluginsConfig(`
plugins:
  - package: "oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a"
    disabled: false
    pluginConfig:
      key1: "value1"
  - package: "oci://quay.io/rhdh/plugin-b@sha256:def456"
    disabled: true
`),
      parseDynamicPluginsConfig(`
plugins:
  - package: "oci://quay.io/rhdh/plugin-a:{{inherit}}"
    pluginConfig:
      key1: "overridden"
  - package: "oci://quay.io/rhdh/plugin-b:{{inherit}}!custom-path"
`),
      { resolveReferences: true },
    );
    expect(merged).toEqual({
      plugins: [
        { package: 'oci://quay.io/rhdh/plugin-a@sha256:abc123!plugin-a', disabled: false, pluginConfig: { key1: 'overridden' } },
        { package: 'oci://quay.io/rhdh/plugin-b@sha256:def456', disabled: true },
        { package: 'oci://quay.io/rhdh/plugin-b@sha256:def456!custom-path', disabled: false },
      ],
    });
    expect(() =>
      mergeDynamicPluginsConfigs(
        parseDynamicPluginsConfig('plugins:\n  - package: "oci://quay.io/rhdh/plugin-a@sha256:abc123"'),
        parseDynamicPluginsConfig('plugins:\n  - package: "./x"\n  - package: "oci://quay.io/rhdh/unknown-plugin:{{inherit}}"'),
        { resolveReferences: true },
      ),
    ).toThrow(new DynamicPluginsConfigError('cannot resolve {{inherit}} reference: no plugin named "unknown-plugin" found in default plugins', 'plugins[1].package'));
  });
});

describe('mergeDynamicPluginsTexts (MergePluginsData on texts)', () => {
  test('an empty side returns the other text verbatim', () => {
    const text = 'includes:\n  - dynamic-plugins.default.yaml\n# a comment stays\n';
    expect(mergeDynamicPluginsTexts('', text)).toBe(text);
    expect(mergeDynamicPluginsTexts(text, '')).toBe(text);
  });

  test('both sides: merged and written as yaml.v2 writes the operator struct', () => {
    expect(mergeDynamicPluginsTexts('includes:\n  - dynamic-plugins.default.yaml\n', "plugins:\n  - package: 'oci://r/p:{{inherit}}'\n    disabled: false\n    dependencies:\n      - ref: sonataflow\n")).toBe(
      'includes:\n- dynamic-plugins.default.yaml\nplugins:\n- package: oci://r/p:{{inherit}}\n  disabled: false\n  dependencies:\n  - ref: sonataflow\n',
    );
  });
});

describe('mergeDynamicPluginsTexts: the text of yaml.v2 (v2.4.0) yaml.Marshal, as the operator writes it', () => {
  test('pluginConfig as yaml.v2 read it (YAML 1.1 values, int / float apart), keys sorted, struct fields in order, lists unindented', () => {
    const base = 'plugins:\n  - package: a\n    pluginConfig: {k: 1}\n    disabled: true\n';
    const overlay = [
      'plugins:',
      '  - package: a',
      '    custom: dropped',
      '    pluginConfig:',
      '      z: [1.0, 1e6, 0x1F, yes, "yes", ~, 2024-01-31, "2024-01-31"]',
      '      A: {y: 1, n: 2}',
      '      "10": ten',
      '      "9": nine',
      '      long: ' + 'word '.repeat(20).trim(),
      '  - package: b',
      '    integrity: "1.0"',
      '    dependencies: [{ref: "on"}]',
      'includes: [":", "#x", " lead"]',
      '',
    ].join('\n');
    expect(mergeDynamicPluginsTexts(base, overlay, { enabledKey: false })).toBe(
      [
        'includes:',
        "- ':'",
        "- '#x'",
        "- ' lead'",
        'plugins:',
        '- package: a',
        '  disabled: false',
        '  pluginConfig:',
        '    "9": nine',
        '    "10": ten',
        '    A:',
        '      false: 2', // `n` and `y` are booleans to yaml.v2 (keys of a nested map[interface{}]interface{})
        '      true: 1',
        '    long: word word word word word word word word word word word word word word word',
        '      word word word word word',
        '    z:',
        '    - 1',
        '    - 1e+06',
        '    - 31',
        '    - true',
        '    - "yes"',
        '    - null',
        '    - "2024-01-31"', // a plain timestamp read into interface{} is its text (a string)…
        '    - "2024-01-31"', // …so both come out as a quoted string
        '- package: b',
        '  integrity: "1.0"',
        '  disabled: false',
        '  dependencies:',
        '  - ref: "on"',
        '',
      ].join('\n'),
    );
  });

  test('the same texts merged again give the same bytes (decoded pluginConfigs are kept per text, never modified)', () => {
    const base = 'plugins:\n  - package: a\n    pluginConfig: {b: [2, 1], a: {d: 1, c: 2}}\n';
    const first = mergeDynamicPluginsTexts(base, 'plugins:\n  - package: x\n');
    expect(first).toBe('plugins:\n- package: a\n  disabled: false\n  pluginConfig:\n    a:\n      c: 2\n      d: 1\n    b:\n    - 2\n    - 1\n- package: x\n  disabled: false\n');
    expect(mergeDynamicPluginsTexts(base, 'plugins:\n  - package: x2\n')).toBe(first.replace('package: x', 'package: x2'));
    expect(mergeDynamicPluginsTexts(base, 'plugins:\n  - package: x\n')).toBe(first);
  });

  test('nothing merged: an empty side returns the other text as it is (no re-marshalling)', () => {
    const text = 'plugins:\n  - package: a   # mine\n    pluginConfig: {b: yes, a: 1.0}\n';
    expect(mergeDynamicPluginsTexts('', text)).toBe(text);
    expect(mergeDynamicPluginsTexts(text, '')).toBe(text);
  });

  test('an empty merge is "{}"; main writes enabled (a *bool, omitempty) before disabled', () => {
    expect(mergeDynamicPluginsTexts('includes: [a]\n', 'includes: []\n')).toBe('{}\n');
    expect(mergeDynamicPluginsTexts('plugins: [{package: a}]\n', 'plugins: [{package: a, enabled: false}]\n', { enabledKey: true })).toBe(
      'plugins:\n- package: a\n  enabled: false\n  disabled: false\n',
    );
  });
});

describe('parseDynamicPluginsConfig keeps parsed texts', () => {
  test('a second parse of a text gives an equal, independent config', () => {
    const text = 'plugins:\n  - package: ./a\n    disabled: false\n    pluginConfig: {a: {b: [1, 2]}}\nincludes: [dynamic-plugins.default.yaml]\n';
    const first = parseDynamicPluginsConfig(text);
    (first.plugins![0].pluginConfig as any).a.b.push(3);
    first.includes!.push('mutated');
    const second = parseDynamicPluginsConfig(text);
    expect(second).toEqual({ plugins: [{ package: './a', disabled: false, pluginConfig: { a: { b: [1, 2] } } }], includes: ['dynamic-plugins.default.yaml'] });
    (second.plugins![0] as any).package = 'changed';
    expect(parseDynamicPluginsConfig(text).plugins![0].package).toBe('./a');
  });

  test('values that are not plain data (a timestamp, -0) are parsed again each time, as before', () => {
    const text = 'plugins:\n  - package: ./a\n    pluginConfig: {when: 2001-12-14, zero: -0}\n';
    const a = parseDynamicPluginsConfig(text);
    const b = parseDynamicPluginsConfig(text);
    expect((b.plugins![0].pluginConfig as any).when).toBeInstanceOf(Date);
    expect(Object.is((b.plugins![0].pluginConfig as any).zero, -0)).toBe(true);
    expect(a).not.toBe(b);
  });

  test('errors are errors every time', () => {
    expect(() => parseDynamicPluginsConfig('plugins: 3\n')).toThrow('expected a list of plugins, found a number');
    expect(() => parseDynamicPluginsConfig('plugins: 3\n')).toThrow('expected a list of plugins, found a number');
  });
});

// Each operator line's activation rules (docs/operator-versions.md): main reads `enabled` and an
// overlay entry that sets neither keeps the base's state; 1.9 and 1.10 know only `disabled`, which
// every overlay entry sets (Go's existingPlugin.Disabled = plugin.Disabled).
describe('activation per operator line', () => {
  const base = 'plugins:\n  - package: a\n    disabled: true\n  - package: b\n  - package: c\n    disabled: true\n';
  const overlay = 'plugins:\n  - package: a\n    disabled: false\n  - package: b\n    enabled: false\n  - package: c\n    pluginConfig: {x: 1}\n';
  const run = (enabledKey: boolean) => {
    const diag = new Diagnostics();
    const merged = mergeDynamicPluginsConfigs(parseDynamicPluginsConfig(base), parseDynamicPluginsConfig(overlay), { diag, enabledKey });
    return { merged, warnings: diag.results.map((r) => r.field?.path) };
  };

  test('1.9 / 1.10: `disabled: false` and an entry without `disabled` re-enable; `enabled` is dropped (warning) and not read', () => {
    const { merged, warnings } = run(false);
    expect(merged.plugins).toEqual([
      { package: 'a', disabled: false },
      { package: 'b', disabled: false },
      { package: 'c', disabled: false, pluginConfig: { x: 1 } },
    ]);
    expect(warnings).toEqual(['plugins[1].enabled']);
    expect(isPluginEnabled({ package: 'x', enabled: false }, false)).toBe(true);
  });

  test('main: `disabled: false` and an entry without activation keep the base state; `enabled` wins', () => {
    const { merged, warnings } = run(true);
    expect(merged.plugins).toEqual([
      { package: 'a', disabled: true },
      { package: 'b', enabled: false, disabled: false },
      { package: 'c', disabled: true, pluginConfig: { x: 1 } },
    ]);
    expect(warnings).toEqual([]);
    expect(isPluginEnabled({ package: 'x', enabled: false })).toBe(false);
  });
});
