import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../../fn/diagnostics';
import type { KObject, Result } from '../../fn/kio/types';
import { parseYamlDocuments } from '../../fn/yaml';
import {
  SUPPORTED_BACKSTAGE_VERSIONS,
  backstageSchema,
  backstageVersionOf,
  validateBackstageCR,
  validateFunctionConfigSpec,
} from '../../fn/validate/cr-schema';
import type { BackstageVersion } from '../../fn/validate/cr-schema';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { operatorExamples } from '../operator-data';

function cr(spec: unknown, version = 'v1alpha5', extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: `rhdh.redhat.com/${version}`, kind: 'Backstage', metadata: { name: 'bs1', namespace: 'ns1' }, spec, ...extra } as KObject;
}

function run(obj: KObject): { ok: boolean; results: Result[] } {
  const diag = new Diagnostics();
  const ok = validateBackstageCR(obj, diag);
  return { ok, results: diag.results };
}

const REF5 = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'bs1', namespace: 'ns1' };
const err = (path: string, message: string, ref: object = REF5): Result => ({ message, severity: 'error', resourceRef: ref as Result['resourceRef'], field: { path } });
const warn = (path: string, message: string, ref: object = REF5): Result => ({ message, severity: 'warning', resourceRef: ref as Result['resourceRef'], field: { path } });

const SPEC_FIELDS_V5 = 'application, rawRuntimeConfig, database, monitoring, deployment, flavours';
const CONTAINERS_RULE = "If '*' is specified, no other container names are allowed";

describe('validateBackstageCR: valid CRs', () => {
  test('a minimal CR of each version has no results', () => {
    for (const v of SUPPORTED_BACKSTAGE_VERSIONS.filter((x) => x !== 'v1alpha3')) {
      expect(run(cr(undefined, v, { spec: undefined }))).toEqual({ ok: true, results: [] });
      expect(run(cr({}, v))).toEqual({ ok: true, results: [] });
    }
  });

  test('a full v1alpha5 CR has no results; nothing inside deployment.patch is checked', () => {
    const obj = cr({
      application: {
        appConfig: { mountPath: '/opt/app-root/src', configMaps: [{ name: 'app-config', key: 'app-config.yaml' }] },
        dynamicPluginsConfigMapName: 'dynamic-plugins',
        extraFiles: {
          mountPath: '/etc/extra',
          configMaps: [{ name: 'cm1', mountPath: '/x', containers: ['*'] }],
          secrets: [{ name: 's1', key: 'k', containers: ['backstage-backend', 'sidecar'] }],
          pvcs: [{ name: 'pvc1', mountPath: '/data' }],
        },
        extraEnvs: {
          configMaps: [{ name: 'cm2', key: 'A' }],
          secrets: [{ name: 's2', containers: ['install-dynamic-plugins'] }],
          envs: [{ name: 'LOG_LEVEL', value: 'debug', containers: ['*'] }],
        },
        route: { enabled: true, host: 'backstage.apps.example.com', subdomain: 'bs', tls: { certificate: 'c', key: 'k', caCertificate: 'ca', externalCertificateSecretName: 'tls' } },
      },
      rawRuntimeConfig: { backstageConfig: 'raw-bs', localDbConfig: 'raw-db' },
      database: { enableLocalDb: false, authSecretName: 'db-secret' },
      monitoring: { enabled: true },
      deployment: { kind: 'StatefulSet', patch: { spec: { anything: [1, { goes: true }] }, unknown: 'fine' } },
      flavours: [{ name: 'orchestrator' }, { name: 'lightspeed', enabled: false }],
    });
    expect(run(obj)).toEqual({ ok: true, results: [] });
  });

  test('a CR read back from a cluster (status conditions) has no results', () => {
    const obj = cr({}, 'v1alpha5', {
      status: {
        conditions: [{ type: 'Deployed', status: 'True', reason: 'Deployed', message: '', lastTransitionTime: '2025-01-02T03:04:05Z', observedGeneration: 2 }],
      },
    });
    expect(run(obj)).toEqual({ ok: true, results: [] });
    // status is not input (the status subresource): even a broken one is ignored.
    expect(run(cr({}, 'v1alpha5', { status: { conditions: 'x', phase: 1 } }))).toEqual({ ok: true, results: [] });
  });

  test('backstageVersionOf picks the schema by apiVersion', () => {
    expect(backstageVersionOf('rhdh.redhat.com/v1alpha4')).toBe('v1alpha4');
    expect(backstageVersionOf('rhdh.redhat.com/v1alpha2')).toBeUndefined();
    expect(backstageVersionOf(undefined)).toBeUndefined();
  });
});

describe('validateBackstageCR: mistakes', () => {
  test('every problem is one result pointing at the field, sorted by path', () => {
    const obj = cr({
      application: {
        extraFiles: { configMaps: [{ key: 5, containers: ['*', 'backstage-backend'] }, { name: 'ok' }] },
        route: { host: 'bad_host', subdomain: `${'a'.repeat(60)}.`.repeat(4) + 'b'.repeat(10) },
        extraEnvs: { envs: [{ name: 'A' }] },
      },
      deployment: { kind: 'Job' },
      database: { enableLocalDb: 'yes' },
      flavours: [{ enabled: true }],
      unknownThing: 1,
    });
    expect(run(obj)).toEqual({
      ok: false,
      results: [
        err('spec.application.extraEnvs.envs[0].value', 'missing required field "value"'),
        err('spec.application.extraFiles.configMaps[0].containers', `${CONTAINERS_RULE} (found ["*","backstage-backend"])`),
        err('spec.application.extraFiles.configMaps[0].key', 'must be a string, not an integer (5)'),
        err('spec.application.extraFiles.configMaps[0].name', 'missing required field "name"'),
        err('spec.application.route.host', `must be a DNS subdomain (labels of letters, digits and '-', at most 63 characters each, joined by '.'), not "bad_host"`),
        err('spec.application.route.subdomain', 'must be at most 253 characters long (found 254)'),
        err('spec.database.enableLocalDb', 'must be a boolean, not a string ("yes")'),
        err('spec.deployment.kind', 'must be one of "Deployment", "StatefulSet", not "Job"'),
        err('spec.flavours[0].name', 'missing required field "name"'),
        warn('spec.unknownThing', `unknown field "unknownThing" has no effect: the API server drops fields the CRD does not define; known fields here: ${SPEC_FIELDS_V5}`),
      ],
    });
  });

  test('an unknown field is only a warning', () => {
    const obj = cr({ application: { route: { enabled: false, tlss: {} } } });
    expect(run(obj)).toEqual({
      ok: true,
      results: [
        warn(
          'spec.application.route.tlss',
          'unknown field "tlss" has no effect: the API server drops fields the CRD does not define; known fields here: enabled, host, subdomain, tls',
        ),
      ],
    });
  });

  test('an unknown key that is not a plain name is quoted in the path', () => {
    expect(run(cr({ database: { 'app.kubernetes.io/name': 'x' } })).results).toEqual([
      warn(
        'spec.database["app.kubernetes.io/name"]',
        'unknown field "app.kubernetes.io/name" has no effect: the API server drops fields the CRD does not define; known fields here: enableLocalDb, authSecretName',
      ),
    ]);
  });

  test('__proto__ and constructor keys are keys: reported under their own paths, no prototype changed', () => {
    // JSON.parse, like the YAML reader, makes __proto__ an own key.
    const obj = JSON.parse(
      '{"apiVersion": "rhdh.redhat.com/v1alpha5", "kind": "Backstage", "metadata": {"name": "bs1", "namespace": "ns1", "labels": {"__proto__": {"polluted": 1}, "constructor": {"polluted": 1}}}, "spec": {"__proto__": {"polluted": 1}, "application": {"__proto__": null}}}',
    ) as KObject;
    expect(run(obj)).toEqual({
      ok: false,
      results: [
        err('metadata.labels.__proto__', 'must be a string, not an object'),
        err('metadata.labels.constructor', 'must be a string, not an object'),
        warn('spec.__proto__', `unknown field "__proto__" has no effect: the API server drops fields the CRD does not define; known fields here: ${SPEC_FIELDS_V5}`),
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The CR itself is left as it was.
    expect(Object.getOwnPropertyNames(obj.metadata.labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyNames((obj as unknown as { spec: object }).spec)).toEqual(['__proto__', 'application']);
  });

  test("containers: ['*', 'x'] is an error, ['x', '*'] passes the operator's rule, [] is too few", () => {
    const results = (containers: string[]) => run(cr({ application: { extraEnvs: { envs: [{ name: 'A', value: 'b', containers }] } } }));
    expect(results(['*', 'x'])).toEqual({
      ok: false,
      results: [err('spec.application.extraEnvs.envs[0].containers', `${CONTAINERS_RULE} (found ["*","x"])`)],
    });
    expect(results(['x', '*'])).toEqual({ ok: true, results: [] });
    expect(results(['*'])).toEqual({ ok: true, results: [] });
    expect(results([])).toEqual({ ok: false, results: [err('spec.application.extraEnvs.envs[0].containers', 'must have at least 1 item (found 0)')] });
  });

  test('a null field is unset, as the API server prunes it; a null list item is an error', () => {
    expect(run(cr({ application: null, database: { authSecretName: null }, deployment: { patch: { spec: { replicas: null } } } }))).toEqual({ ok: true, results: [] });
    expect(run(cr({ application: { extraEnvs: { envs: [{ name: 'A', value: null }] } } }))).toEqual({
      ok: false,
      results: [err('spec.application.extraEnvs.envs[0].value', 'missing required field "value"')],
    });
    expect(run(cr({ flavours: [null] }))).toEqual({ ok: false, results: [err('spec.flavours[0]', 'must be an object, not null')] });
  });

  test('a spec that is not a map', () => {
    expect(run(cr('yes'))).toEqual({ ok: false, results: [err('spec', 'must be an object, not a string ("yes")')] });
    expect(run(cr({ application: [] }))).toEqual({ ok: false, results: [err('spec.application', 'must be an object, not an array')] });
  });

  test('metadata.name is required and must be a DNS subdomain', () => {
    const noName = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: {} } as KObject;
    expect(run(noName)).toEqual({
      ok: false,
      results: [err('metadata.name', 'missing required field "name"', { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: '' })],
    });
    const badName = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'My_BS' } } as KObject;
    expect(run(badName)).toEqual({
      ok: false,
      results: [
        err(
          'metadata.name',
          `must be a lowercase RFC 1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit), not "My_BS"`,
          { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'My_BS' },
        ),
      ],
    });
  });

  test('an unsupported version of the group names the supported ones', () => {
    const obj = cr({}, 'v1alpha2');
    expect(run(obj)).toEqual({
      ok: false,
      results: [
        err(
          'apiVersion',
          'rhdh.redhat.com/v1alpha2 is not a supported version of rhdh.redhat.com; supported: rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5',
          { ...REF5, apiVersion: 'rhdh.redhat.com/v1alpha2' },
        ),
      ],
    });
    const other = { ...cr({}), apiVersion: 'janus-idp.io/v1alpha1' } as KObject;
    expect(run(other).results).toEqual([
      err(
        'apiVersion',
        'apiVersion "janus-idp.io/v1alpha1" is not a Backstage API version; supported: rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5',
        { ...REF5, apiVersion: 'janus-idp.io/v1alpha1' },
      ),
    ]);
    const wrongKind = { ...cr({}), kind: 'Backstages' } as KObject;
    expect(run(wrongKind).results).toEqual([err('kind', 'kind must be "Backstage", not "Backstages"', { ...REF5, kind: 'Backstages' })]);
  });

  test('fields belong to their versions: replicas in v1alpha4 only, containers not in v1alpha3, flavours from v1alpha5', () => {
    const REF4 = { ...REF5, apiVersion: 'rhdh.redhat.com/v1alpha4' };
    const REF3 = { ...REF5, apiVersion: 'rhdh.redhat.com/v1alpha3' };
    expect(run(cr({ application: { replicas: 2, image: 'quay.io/x/y:1', imagePullSecrets: ['pull'] } }, 'v1alpha4'))).toEqual({ ok: true, results: [] });
    expect(run(cr({ application: { replicas: 1.5 } }, 'v1alpha4'))).toEqual({
      ok: false,
      results: [err('spec.application.replicas', 'must be an integer, not a number (1.5)', REF4)],
    });
    expect(run(cr({ application: { replicas: 2 }, flavours: [] }, 'v1alpha5')).results).toEqual([
      warn(
        'spec.application.replicas',
        'unknown field "replicas" has no effect: the API server drops fields the CRD does not define; known fields here: appConfig, dynamicPluginsConfigMapName, extraFiles, extraEnvs, route',
      ),
    ]);
    expect(run(cr({ flavours: [] }, 'v1alpha4')).results).toEqual([
      warn(
        'spec.flavours',
        'unknown field "flavours" has no effect: the API server drops fields the CRD does not define; known fields here: application, rawRuntimeConfig, database, monitoring, deployment',
        REF4,
      ),
    ]);
    expect(run(cr({ application: { extraEnvs: { envs: [{ name: 'A', value: 'b', containers: ['*'] }] } } }, 'v1alpha3'))).toEqual({
      ok: true,
      results: [
        warn(
          'spec.application.extraEnvs.envs[0].containers',
          'unknown field "containers" has no effect: the API server drops fields the CRD does not define; known fields here: name, value',
          REF3,
        ),
      ].sort((a, b) => (a.field!.path < b.field!.path ? -1 : 1)),
    });
  });

  test('the same problem is reported once and the order does not depend on key order', () => {
    const a = run(cr({ deployment: { kind: 'x' }, application: { route: { host: '-' } } }));
    const b = run(cr({ application: { route: { host: '-' } }, deployment: { kind: 'x' } }));
    expect(a).toEqual(b);
    expect(a.results.map((r) => r.field?.path)).toEqual(['spec.application.route.host', 'spec.deployment.kind']);
  });
});

describe('validateFunctionConfigSpec', () => {
  const FC_REF = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', name: 'render' };
  const fc = (spec: unknown): KObject => ({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'render' }, spec }) as KObject;
  const check = (obj: KObject) => {
    const diag = new Diagnostics();
    return { ok: validateFunctionConfigSpec(obj, diag), results: diag.results };
  };

  test('accepts every option with its type; null means unset; "true"/"false" strings as options.ts does', () => {
    expect(
      check(
        fc({
          platform: 'kubernetes',
          profile: 'backstage.io',
          ingressDomain: 'apps.example.com',
          secretSeed: 's',
          backstageImage: 'quay.io/a/b:1',
          postgresqlImage: 'quay.io/a/pg:1',
          catalogIndexImage: 'quay.io/a/ci:1',
          omitDbSecret: true,
          pluginInfra: 'false',
          dynamicPluginsProcessing: false,
          namespace: null,
        }),
      ),
    ).toEqual({ ok: true, results: [] });
    expect(check(fc(undefined))).toEqual({ ok: true, results: [] });
  });

  test('reports wrong values and unknown options', () => {
    expect(check(fc({ platform: 'aws', omitDbSecret: 'yes', profile: '', colour: 'blue' }))).toEqual({
      ok: false,
      results: [
        { severity: 'error', message: 'unknown option "colour"; accepted options: platform, profile, operatorVersion, ingressDomain, secretSeed, backstageImage, postgresqlImage, catalogIndexImage, omitDbSecret, dbSecret, sealedSecretsCert, pluginInfra, dynamicPluginsProcessing, installDynamicPluginsImage, namespace, inputs, jobMode, syncWaves, pinImages, pruneLabel, fluxSsaIfNotPresent', resourceRef: FC_REF, field: { path: 'spec.colour' } },
        { severity: 'error', message: 'must be one of true, false, "true", "false", not "yes"', resourceRef: FC_REF, field: { path: 'spec.omitDbSecret' } },
        { severity: 'error', message: 'must be one of "openshift", "kubernetes", not "aws"', resourceRef: FC_REF, field: { path: 'spec.platform' } },
        { severity: 'error', message: 'must not be empty', resourceRef: FC_REF, field: { path: 'spec.profile' } },
      ],
    });
    expect(check(fc(['a']))).toEqual({ ok: false, results: [{ severity: 'error', message: 'must be an object, not an array', resourceRef: FC_REF, field: { path: 'spec' } }] });
  });

  test('a __proto__ option is an unknown option, not the prototype of the copy', () => {
    const obj = JSON.parse('{"apiVersion": "fn.kpt.dev/v1alpha1", "kind": "RenderBackstage", "metadata": {"name": "fc"}, "spec": {"__proto__": {"platform": "aws"}}}') as KObject;
    const r = check(obj);
    expect(r.ok).toBe(false);
    expect(r.results.map((x) => [x.field?.path, x.message.slice(0, 30)])).toEqual([['spec.__proto__', 'unknown option "__proto__"; ac']]);
  });

  test('a ConfigMap function config is left to options.ts', () => {
    expect(check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: { x: 'y' } } as KObject)).toEqual({ ok: true, results: [] });
  });

  test('the schema lists exactly the options of fn/options.ts', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require('../../schemas/render-backstage.schema.json');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OPTION_NAMES } = require('../../fn/options');
    expect(Object.keys(schema.properties.spec.properties)).toEqual(OPTION_NAMES);
  });
});

// ---- against the operator's own files (../shared) ----

interface SchemaNode {
  [k: string]: unknown;
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  const ref = node.$ref as string | undefined;
  if (!ref) return node;
  const name = ref.replace('#/definitions/', '');
  return (root.definitions as Record<string, SchemaNode>)[name];
}

const COMPARED = ['type', 'enum', 'pattern', 'maxLength', 'minLength', 'minItems', 'minimum', 'default', 'required', 'x-kubernetes-preserve-unknown-fields'];

/** Lists every difference between a CRD openAPIV3Schema node and ours (CRD descriptions ignored). */
function compare(crd: SchemaNode, ours: SchemaNode, root: SchemaNode, at: string, out: string[]): void {
  const o = resolve(ours, root);
  for (const k of COMPARED) {
    const a = crd[k];
    let b = o[k];
    if (k === 'format' && b === undefined) continue;
    if (k === 'required' && a !== undefined && b !== undefined) b = [...(b as string[])].sort();
    const aa = k === 'required' && a !== undefined ? [...(a as string[])].sort() : a;
    if (JSON.stringify(aa) !== JSON.stringify(b)) out.push(`${at}: ${k} CRD=${JSON.stringify(a)} ours=${JSON.stringify(b)}`);
  }
  if (crd.format !== undefined && crd.format !== o.format) out.push(`${at}: format CRD=${String(crd.format)} ours=${String(o.format)}`);
  const norm = (r: unknown) => JSON.stringify(((r as Array<{ rule: string; message: string }>) ?? []).map((x) => ({ rule: x.rule, message: x.message })));
  if (norm(crd['x-kubernetes-validations']) !== norm(o['x-kubernetes-validations'])) {
    out.push(`${at}: x-kubernetes-validations CRD=${norm(crd['x-kubernetes-validations'])} ours=${norm(o['x-kubernetes-validations'])}`);
  }
  const cp = (crd.properties ?? {}) as Record<string, SchemaNode>;
  const op = (o.properties ?? {}) as Record<string, SchemaNode>;
  if (crd.properties !== undefined && o.additionalProperties !== false) out.push(`${at}: ours allows unknown fields`);
  const names = [...new Set([...Object.keys(cp), ...Object.keys(op)])].sort();
  for (const n of names) {
    if (!(n in cp)) out.push(`${at}.${n}: only in ours`);
    else if (!(n in op)) out.push(`${at}.${n}: only in the CRD`);
    else compare(cp[n], op[n], root, `${at}.${n}`, out);
  }
  if (crd.items || o.items) {
    if (!crd.items || !o.items) out.push(`${at}[]: items only on one side`);
    else compare(crd.items as SchemaNode, o.items as SchemaNode, root, `${at}[]`, out);
  }
}

function crdVersions(release: string): Map<string, SchemaNode> {
  const file = path.join(OPERATOR_DATA, `rhdh-operator-${release}`, 'dist', 'rhdh', 'install.yaml');
  const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8')) as SchemaNode[];
  const crd = docs.find((d) => d.kind === 'CustomResourceDefinition' && (d.metadata as SchemaNode).name === 'backstages.rhdh.redhat.com') as SchemaNode;
  const out = new Map<string, SchemaNode>();
  for (const v of (crd.spec as SchemaNode).versions as SchemaNode[]) out.set(v.name as string, ((v.schema as SchemaNode).openAPIV3Schema as SchemaNode));
  return out;
}

describeWithShared('schemas match the operator CRD and examples (../shared)', () => {
  test.each(['release-1.10', 'c0cb1c9'])('every version of the %s CRD has the same fields, types, enums, patterns, defaults and rules', (release) => {
    const versions = crdVersions(release);
    for (const v of SUPPORTED_BACKSTAGE_VERSIONS) {
      const crd = versions.get(v)!;
      const ours = backstageSchema(v as BackstageVersion) as SchemaNode;
      const diffs: string[] = [];
      for (const part of ['spec', 'status']) {
        compare((crd.properties as Record<string, SchemaNode>)[part], (ours.properties as Record<string, SchemaNode>)[part], ours, `${v}.${part}`, diffs);
      }
      expect(diffs).toEqual([]);
    }
  });

  test('1.9.8 still serves v1alpha3 with the same schema', () => {
    const crd = crdVersions('1.9.8').get('v1alpha3')!;
    const ours = backstageSchema('v1alpha3') as SchemaNode;
    const diffs: string[] = [];
    compare((crd.properties as Record<string, SchemaNode>).spec, (ours.properties as Record<string, SchemaNode>).spec, ours, 'v1alpha3.spec', diffs);
    expect(diffs).toEqual([]);
  });

  test('every Backstage CR in the operator examples validates without any result', () => {
    const seen: string[] = [];
    for (const [release, f] of operatorExamples()) {
      for (const doc of parseYamlDocuments(fs.readFileSync(path.join(OPERATOR_DATA, release, 'examples', f), 'utf8')) as KObject[]) {
        if (doc.kind !== 'Backstage') continue;
        seen.push(`${release}/${f}`);
        expect({ file: `${release}/${f}`, ...run(doc) }).toEqual({ file: `${release}/${f}`, ok: true, results: [] });
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(40);
  });
});
