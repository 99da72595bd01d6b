import { readResourceList, writeResourceList, writeResourceListParts } from '../../fn/kio/resourcelist';
import type { KObject } from '../../fn/kio/types';
import { stringifyYaml } from '../../fn/yaml';

describe('readResourceList', () => {
  test('a ResourceList with items and functionConfig', () => {
    const rl = readResourceList(
      'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: function-input}\n',
    );
    expect(rl).toEqual({
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }],
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' } },
    });
  });

  test('a v1 List and plain documents (CLI)', () => {
    const rl = readResourceList('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', {
      allowPlainObjects: true,
    });
    expect(rl.items).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    ]);
  });

  test.each([
    ['', 'input is empty: expected a ResourceList'],
    ['a: [', 'not valid YAML (line 1): '],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', 'input is not a ResourceList (document 1 is v1 ConfigMap)'],
    ['apiVersion: example.com/v1\nkind: ResourceList\nitems: []\n', 'ResourceList apiVersion "example.com/v1" is not supported; use config.kubernetes.io/v1'],
    ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- kind: ConfigMap\n', 'items[0] has no apiVersion'],
    ['- 1\n- 2\n', 'input is not a ResourceList (document 1 is a list)'],
  ])('rejects %j', (text, message) => {
    expect(() => readResourceList(text)).toThrow(message);
  });

  test('alias bombs are refused quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const start = Date.now();
    expect(() => readResourceList(lines.join('\n'))).toThrow(/alias/i);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe('writeResourceList', () => {
  test('writes results with severity, no anchors, YAML 1.1 quoting', () => {
    const shared = { a: 'yes' };
    const text = writeResourceList(
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { x: 'on', y: '0644', s1: shared as unknown as string, s2: shared as unknown as string } }],
      [{ severity: 'warning', message: 'm' }],
    );
    expect(text).toBe(
      [
        'apiVersion: config.kubernetes.io/v1',
        'kind: ResourceList',
        'items:',
        '  - apiVersion: v1',
        '    kind: ConfigMap',
        '    metadata:',
        '      name: c',
        '    data:',
        '      x: "on"',
        '      "y": "0644"',
        '      s1:',
        '        a: "yes"',
        '      s2:',
        '        a: "yes"',
        'results:',
        '  - message: m',
        '    severity: warning',
        '',
      ].join('\n'),
    );
  });

  test('in parts: one per item, the same bytes as the whole document through the `yaml` package, not-plain items too; released when asked', () => {
    const items = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: 'on', multi: 'l1\nl2\n' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, data: { when: new Date(Date.UTC(2024, 0, 1)) as unknown as string } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c', namespace: 'n' }, stringData: { k: 'v' } },
    ] as KObject[];
    const functionConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fc' }, data: { k: 'v' } } as KObject;
    const results = [{ message: 'm', severity: 'info' as const }];
    const whole = stringifyYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig, results });
    const held = [...items];
    const parts = writeResourceListParts(held, results, functionConfig, { release: true });
    expect(parts).toHaveLength(2 + items.length + 1);
    expect(parts.join('')).toBe(whole);
    expect(held).toEqual([undefined, undefined, undefined]);
    expect(writeResourceListParts([], [], undefined).join('')).toBe(stringifyYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [] }));
  });
});
