import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../../fn/diagnostics';
import { InputObjects } from '../../fn/inputs';
import type { KObject } from '../../fn/kio/types';
import { readBackstageCR } from '../../fn/model/cr';
import { collectExternalConfig, decodeBase64 } from '../../fn/model/external-config';
import type { BackstageCR } from '../../fn/model/types';
import { DEFAULT_OPTIONS, type RenderOptions } from '../../fn/options';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { operatorExamples } from '../operator-data';

const V5 = 'rhdh.redhat.com/v1alpha5';
const CR_REF = { apiVersion: V5, kind: 'Backstage', name: 'bs1', namespace: 'ns1' };
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function backstage(spec: unknown): BackstageCR {
  const d = new Diagnostics();
  const cr = readBackstageCR({ apiVersion: V5, kind: 'Backstage', metadata: { name: 'bs1', namespace: 'ns1' }, spec } as KObject, undefined, d);
  expect(d.results).toEqual([]);
  return cr!;
}

function cm(name: string, data?: Record<string, string>, binaryData?: Record<string, string>, namespace?: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    ...(data ? { data } : {}),
    ...(binaryData ? { binaryData } : {}),
  };
}

function secret(name: string, data?: Record<string, string>, stringData?: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...(data ? { data } : {}), ...(stringData ? { stringData } : {}) };
}

const sha256 = (...parts: Array<string | Buffer>) => createHash('sha256').update(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)))).digest('hex');

const OPTS: RenderOptions = { ...DEFAULT_OPTIONS, ingressDomain: 'apps.example.com' };

const FULL_SPEC = {
  application: {
    appConfig: { configMaps: [{ name: 'ac1' }, { name: 'ac2', mountPath: '/x' }] },
    extraFiles: {
      configMaps: [{ name: 'cm1' }],
      secrets: [{ name: 's1', key: 'k' }],
      pvcs: [{ name: 'p1' }, { name: 'p2', mountPath: '/p' }],
    },
    extraEnvs: { configMaps: [{ name: 'e1' }], secrets: [{ name: 'es', key: 'P' }] },
    dynamicPluginsConfigMapName: 'dp',
  },
  rawRuntimeConfig: { backstageConfig: 'raw1', localDbConfig: 'raw2' },
};

const DP = cm('dp', { 'dynamic-plugins.yaml': 'plugins: []\n' });
const FULL_INPUT = [
  cm('raw1', { 'deployment.yaml': 'd1', 'service.yaml': 's1' }, { 'ignored.bin': 'AAE=' }),
  cm('raw2', { 'db-statefulset.yaml': 'db', 'service.yaml': 's2' }),
  cm('ac1', { 'b.yaml': 'B', 'a.yaml': 'A' }),
  cm('ac2', { 'c.yaml': 'C' }),
  cm('cm1', { f2: '2', f1: '1' }, { bin: Buffer.from([0, 1]).toString('base64') }),
  secret('s1', { d: Buffer.from('dd').toString('base64') }, { k: 'v' }),
  cm('e1', { X: 'x' }),
  secret('es', { P: Buffer.from('p').toString('base64') }),
  DP,
];

describe('collectExternalConfig', () => {
  test('everything in the input: keys, raw config and the hash in the operator order', () => {
    const diag = new Diagnostics();
    const ext = collectExternalConfig(backstage(FULL_SPEC), new InputObjects(FULL_INPUT), OPTS, diag);
    // The bytes, written out by hand from concatData: appConfig ac1 (ac2 has a mountPath and no key,
    // so it is not watched), extraFiles ConfigMap cm1 (data, then binaryData), extraFiles Secret s1
    // (all binary keys as read from the API server: stringData folded into data), extraEnvs
    // ConfigMap e1, extraEnvs Secret es, dynamic plugins ConfigMap dp.
    const hash = sha256('a.yamlA', 'b.yamlB', 'f11', 'f22', 'bin', Buffer.from([0, 1]), 'd', 'dd', 'k', 'v', 'Xx', 'P', 'p', 'dynamic-plugins.yamlplugins: []\n');
    expect(hash).toBe('980ca2eaa6f5528c4dd849444a563ec821f736ff324b9ce998ba8c83117d87ba');
    expect(ext).toEqual({
      rawConfig: { 'deployment.yaml': 'd1', 'service.yaml': 's2', 'db-statefulset.yaml': 'db' },
      appConfigKeys: { ac1: ['a.yaml', 'b.yaml'], ac2: ['c.yaml'] },
      extraFileConfigMapKeys: { cm1: { stringDataKeys: ['f1', 'f2'], binaryDataKeys: ['bin'] } },
      extraFileSecretKeys: { s1: { stringDataKeys: [], binaryDataKeys: ['d', 'k'] } },
      extraEnvConfigMapKeys: { e1: { stringDataKeys: ['X'], binaryDataKeys: [] } },
      extraEnvSecretKeys: { es: { stringDataKeys: [], binaryDataKeys: ['P'] } },
      extraPvcKeys: ['p1', 'p2'],
      dynamicPlugins: DP,
      openShiftIngressDomain: 'apps.example.com',
      watchingHash: hash,
    });
    expect(diag.results).toEqual([]);
  });

  test('an empty spec hashes nothing; no ingress domain on Kubernetes', () => {
    const diag = new Diagnostics();
    expect(collectExternalConfig(backstage({}), new InputObjects(), { ...OPTS, platform: 'kubernetes' }, diag)).toEqual({
      rawConfig: {},
      appConfigKeys: {},
      extraFileConfigMapKeys: {},
      extraFileSecretKeys: {},
      extraEnvConfigMapKeys: {},
      extraEnvSecretKeys: {},
      extraPvcKeys: [],
      watchingHash: EMPTY_SHA256,
    });
    expect(diag.results).toEqual([]);
  });

  test('an entry with mountPath and no key is not hashed; with a key it is', () => {
    const input = (v: string) => new InputObjects([cm('c', { f: v })]);
    const hashOf = (entry: Record<string, string>, v: string) =>
      collectExternalConfig(backstage({ application: { extraFiles: { configMaps: [entry] } } }), input(v), OPTS, new Diagnostics()).watchingHash;
    expect(hashOf({ name: 'c', mountPath: '/m' }, '1')).toBe(EMPTY_SHA256);
    expect(hashOf({ name: 'c', mountPath: '/m', key: 'f' }, '1')).toBe(sha256('f1'));
    expect(hashOf({ name: 'c' }, '2')).toBe(sha256('f2'));
  });

  test('a Secret gives the same keys and hash whether written with data or stringData', () => {
    const spec = { application: { extraEnvs: { secrets: [{ name: 's' }] } } };
    const a = collectExternalConfig(backstage(spec), new InputObjects([secret('s', undefined, { TOKEN: 'abc', A: 'é' })]), OPTS, new Diagnostics());
    const b = collectExternalConfig(
      backstage(spec),
      new InputObjects([secret('s', { TOKEN: Buffer.from('abc').toString('base64'), A: Buffer.from('é').toString('base64') })]),
      OPTS,
      new Diagnostics(),
    );
    expect(a).toEqual(b);
    expect(a.extraEnvSecretKeys).toEqual({ s: { stringDataKeys: [], binaryDataKeys: ['A', 'TOKEN'] } });
    expect(a.watchingHash).toBe(sha256('A', 'é', 'TOKEN', 'abc'));
  });

  test('the same ConfigMap referenced twice is hashed twice, as the operator does', () => {
    const spec = { application: { appConfig: { configMaps: [{ name: 'c' }, { name: 'c', key: 'f' }] } } };
    const ext = collectExternalConfig(backstage(spec), new InputObjects([cm('c', { f: 'v' })]), OPTS, new Diagnostics());
    expect(ext.watchingHash).toBe(sha256('fv', 'fv'));
  });

  test('objects are looked up in the CR namespace; input objects without a namespace match it', () => {
    const spec = { application: { extraEnvs: { configMaps: [{ name: 'a' }, { name: 'b' }] } } };
    const ext = collectExternalConfig(backstage(spec), new InputObjects([cm('a', { A: '1' }, undefined, 'other'), cm('a', { A: '2' }, undefined, 'ns1'), cm('b', { B: '3' })]), OPTS, new Diagnostics());
    expect(ext.watchingHash).toBe(sha256('A2', 'B3'));
  });

  test('objects missing from the input: errors where the output depends on them, one info for the hash', () => {
    const spec = {
      application: {
        appConfig: {
          configMaps: [
            { name: 'ac-nokey' },
            { name: 'ac-key', key: 'app.yaml' },
            { name: 'ac-dir', mountPath: '/d' },
          ],
        },
        extraFiles: {
          configMaps: [{ name: 'cm-nokey' }, { name: 'cm-key', key: 'f' }, { name: 'cm-dir', mountPath: '/d' }],
          secrets: [{ name: 's-key', key: 'tls.crt' }, { name: 's-dir', mountPath: '/s' }, { name: 's-none' }],
          pvcs: [{ name: 'pvc' }],
        },
        extraEnvs: { configMaps: [{ name: 'env-cm' }], secrets: [{ name: 'env-s', key: 'K' }] },
        dynamicPluginsConfigMapName: 'dp',
      },
      rawRuntimeConfig: { localDbConfig: 'raw' },
    };
    const diag = new Diagnostics();
    const ext = collectExternalConfig(backstage(spec), new InputObjects([cm('unrelated', { a: 'b' })]), OPTS, diag);
    expect(ext).toEqual({
      rawConfig: {},
      appConfigKeys: { 'ac-nokey': undefined, 'ac-key': ['app.yaml'], 'ac-dir': undefined },
      extraFileConfigMapKeys: { 'cm-nokey': undefined, 'cm-key': { stringDataKeys: ['f'], binaryDataKeys: [] }, 'cm-dir': undefined },
      extraFileSecretKeys: { 's-key': { stringDataKeys: [], binaryDataKeys: ['tls.crt'] }, 's-dir': undefined, 's-none': undefined },
      extraEnvConfigMapKeys: { 'env-cm': undefined },
      extraEnvSecretKeys: { 'env-s': undefined },
      extraPvcKeys: ['pvc'],
      openShiftIngressDomain: 'apps.example.com',
      watchingHash: EMPTY_SHA256,
    });
    const add = 'add it to the input (annotated config.kubernetes.io/local-config: "true" if this pipeline should not apply it)';
    expect(diag.results).toEqual([
      {
        severity: 'error',
        message: `ConfigMap raw is not in the input: its data replaces the profile's default objects, so the output cannot be rendered without it; ${add}`,
        resourceRef: CR_REF,
        field: { path: 'spec.rawRuntimeConfig.localDbConfig' },
      },
      {
        severity: 'error',
        message: `ConfigMap ac-nokey is not in the input: which keys it holds cannot be known offline, and every key becomes a --config argument of the backstage container (and a mounted file); ${add}, or name the one key to use with key`,
        resourceRef: CR_REF,
        field: { path: 'spec.application.appConfig.configMaps[0].name' },
      },
      {
        severity: 'error',
        message: `ConfigMap ac-dir is not in the input: which keys it holds cannot be known offline, and every key becomes a --config argument of the backstage container (and a mounted file); ${add}, or name the one key to use with key`,
        resourceRef: CR_REF,
        field: { path: 'spec.application.appConfig.configMaps[2].name' },
      },
      {
        severity: 'error',
        message: `ConfigMap cm-nokey is not in the input: which keys it holds cannot be known offline, and each key is mounted as its own file (subPath); ${add}, name the one key to mount with key, or give a mountPath to mount the whole ConfigMap as a directory`,
        resourceRef: CR_REF,
        field: { path: 'spec.application.extraFiles.configMaps[0].name' },
      },
      {
        severity: 'error',
        message: `ConfigMap dp is not in the input: its dynamic-plugins.yaml is merged with the profile's plugins into the generated ConfigMap, so the output cannot be rendered without it; ${add}`,
        resourceRef: CR_REF,
        field: { path: 'spec.application.dynamicPluginsConfigMapName' },
      },
      {
        severity: 'info',
        message:
          'rhdh.redhat.com/ext-config-hash covers only the referenced objects found in the input; not in the input: ConfigMap ac-nokey, ConfigMap ac-key, ConfigMap cm-nokey, ConfigMap cm-key, Secret s-key, Secret s-none, ConfigMap env-cm, Secret env-s, ConfigMap dp. The operator hashes them from the cluster, so its value differs, and a change to them alone does not roll out the pod; add them to the input (annotated config.kubernetes.io/local-config: "true" if this pipeline should not apply them) to include them',
        resourceRef: CR_REF,
      },
    ]);
  });

  test('bad values in an input object are errors on that object, without the value', () => {
    // c is referenced twice: reported once.
    const spec = { application: { extraFiles: { secrets: [{ name: 's', key: 'a' }], configMaps: [{ name: 'c' }] }, extraEnvs: { configMaps: [{ name: 'c' }] } } };
    const diag = new Diagnostics();
    const ext = collectExternalConfig(
      backstage(spec),
      new InputObjects([secret('s', { a: 'not base64!', b: Buffer.from('x').toString('base64') }), cm('c', { n: 5 as unknown as string, ok: 'y' })]),
      OPTS,
      diag,
    );
    expect(diag.results).toEqual([
      { severity: 'error', message: 'data.n must be a string (quote it in YAML)', resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }, field: { path: 'data.n' } },
      { severity: 'error', message: 'data.a is not valid base64', resourceRef: { apiVersion: 'v1', kind: 'Secret', name: 's' }, field: { path: 'data.a' } },
    ]);
    expect(ext.extraFileSecretKeys).toEqual({ s: { stringDataKeys: [], binaryDataKeys: ['b'] } });
    expect(ext.extraFileConfigMapKeys).toEqual({ c: { stringDataKeys: ['ok'], binaryDataKeys: [] } });
  });

  test('keys sort bytewise, as Go does', () => {
    const spec = { application: { appConfig: { configMaps: [{ name: 'c' }] } } };
    const ext = collectExternalConfig(backstage(spec), new InputObjects([cm('c', { b: '', B: '', 'a.yaml': '', _x: '', '1': '' })]), OPTS, new Diagnostics());
    expect(ext.appConfigKeys).toEqual({ c: ['1', 'B', '_x', 'a.yaml', 'b'] });
  });
});

describe('keys named __proto__, constructor, toString (legal ConfigMap and Secret keys, legal object names)', () => {
  // JSON.parse, like the YAML reader, makes __proto__ an own key.
  const keyed = (kind: string, name: string, json: string) => ({ apiVersion: 'v1', kind, metadata: { name }, ...JSON.parse(json) }) as KObject;

  test('keys of data, binaryData, Secret data and stringData are read, mounted and hashed like any other', () => {
    const spec = {
      application: {
        appConfig: { configMaps: [{ name: 'ac' }] },
        extraFiles: { configMaps: [{ name: 'f' }], secrets: [{ name: 's', mountPath: '/s', key: '__proto__' }] },
        extraEnvs: { secrets: [{ name: 's' }] },
      },
      rawRuntimeConfig: { backstageConfig: 'raw' },
    };
    const inputs = new InputObjects([
      keyed('ConfigMap', 'ac', '{"data": {"__proto__": "P", "constructor": "C", "app.yaml": "A"}}'),
      keyed('ConfigMap', 'f', '{"data": {"toString": "T"}, "binaryData": {"__proto__": "AAE="}}'),
      keyed('Secret', 's', '{"data": {"__proto__": "eA=="}, "stringData": {"constructor": "y"}}'),
      keyed('ConfigMap', 'raw', '{"data": {"__proto__": "x", "deployment.yaml": "d"}}'),
    ]);
    const diag = new Diagnostics();
    const ext = collectExternalConfig(backstage(spec), inputs, OPTS, diag);
    expect(diag.results).toEqual([]);
    expect(ext.appConfigKeys.ac).toEqual(['__proto__', 'app.yaml', 'constructor']);
    expect(ext.extraFileConfigMapKeys.f).toEqual({ stringDataKeys: ['toString'], binaryDataKeys: ['__proto__'] });
    expect(ext.extraFileSecretKeys.s).toEqual({ stringDataKeys: [], binaryDataKeys: ['__proto__', 'constructor'] });
    expect(Object.keys(ext.rawConfig).sort()).toEqual(['__proto__', 'deployment.yaml']);
    expect(ext.rawConfig.__proto__).toBe('x');
    // Every one of them is in the hash: ac, f, s (key given, so watched), s again (extraEnvs).
    const s = ['__proto__', 'x', 'constructor', 'y'];
    expect(ext.watchingHash).toBe(sha256('__proto__P', 'app.yamlA', 'constructorC', 'toStringT', '__proto__', Buffer.from([0, 1]), ...s, ...s));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('objects named constructor or toString that are not in the input: no member of Object.prototype is taken for their keys', () => {
    const spec = {
      application: {
        appConfig: { configMaps: [{ name: 'constructor', key: 'a.yaml' }] },
        extraFiles: { configMaps: [{ name: 'constructor', mountPath: '/m' }], secrets: [{ name: 'tostring', mountPath: '/s' }] },
        extraEnvs: { configMaps: [{ name: 'constructor' }], secrets: [{ name: 'valueOf' }] },
      },
    };
    const ext = collectExternalConfig(backstage(spec), new InputObjects(), OPTS, new Diagnostics());
    expect(ext.appConfigKeys).toEqual({ constructor: ['a.yaml'] });
    for (const [m, name] of [
      [ext.extraFileConfigMapKeys, 'constructor'],
      [ext.extraEnvConfigMapKeys, 'constructor'],
      [ext.extraEnvSecretKeys, 'valueOf'],
    ] as const) {
      expect(Object.keys(m)).toEqual([name]);
      expect(m[name]).toBeUndefined();
    }
    expect(ext.extraFileConfigMapKeys.toString).toBeUndefined();
  });
});

describe('decodeBase64', () => {
  test('strict standard alphabet, padding required, line breaks skipped', () => {
    expect(decodeBase64('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('aGVs\nbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('')?.length).toBe(0);
    expect(decodeBase64('aGVsbG8')).toBeUndefined();
    expect(decodeBase64('aGVs-G8=')).toBeUndefined();
  });
});

describeWithShared('operator examples: external config from the objects in the same file', () => {
  const files = operatorExamples().map(([dir, f]) => [`${dir}/examples/${f}`, path.join(OPERATOR_DATA, dir, 'examples', f)]);
  const load = (file: string) => {
    const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8')) as KObject[];
    const diag = new Diagnostics();
    const crs = docs.filter((d) => d.kind === 'Backstage').map((d) => readBackstageCR(d, 'ns1', diag)!);
    const inputs = new InputObjects(docs.filter((d) => d.kind !== 'Backstage'));
    return { diag, exts: crs.map((cr) => collectExternalConfig(cr, inputs, OPTS, diag)) };
  };

  test.each(files)('%s: no errors or warnings', (_name, file) => {
    const { diag, exts } = load(file);
    expect(diag.results.filter((r) => r.severity !== 'info')).toEqual([]);
    for (const ext of exts) expect(ext.watchingHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('filemounts.yaml: every reference is found; Secrets written with stringData read as binary keys', () => {
    const file = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'examples', 'filemounts.yaml');
    const { diag, exts } = load(file);
    expect(diag.results.filter((r) => r.message.includes('ext-config-hash'))).toEqual([]);
    const secretKeys = Object.values(exts[0].extraFileSecretKeys);
    expect(secretKeys.length).toBeGreaterThan(0);
    for (const keys of secretKeys) expect(keys?.stringDataKeys).toEqual([]);
  });
});
