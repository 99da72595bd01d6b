import fc from 'fast-check';
import { fcParams } from '../fc-seed';
import { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';
import { refOf } from '../../fn/kio/types';
import { validateBackstageCR } from '../../fn/validate/cr-schema';
import { validateKubernetesObject } from '../../fn/validate/k8s-output';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function deployment(): { [k: string]: Json } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'backstage-bs1', labels: { 'app.kubernetes.io/name': 'backstage', 'app.kubernetes.io/instance': 'bs1' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
        spec: {
          volumes: [{ name: 'app-config', configMap: { name: 'cm', items: [{ key: 'a.yaml', path: 'a.yaml' }] } }],
          containers: [
            {
              name: 'backstage-backend',
              image: 'quay.io/rhdh/hub:1',
              args: ['--config', '/opt/app-root/src/a.yaml'],
              env: [{ name: 'A', value: 'b' }],
              ports: [{ name: 'backend', containerPort: 7007, protocol: 'TCP' }],
              resources: { limits: { memory: '1Gi' } },
              readinessProbe: { httpGet: { path: '/health', port: 'backend' } },
              securityContext: { capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'app-config', mountPath: '/opt/app-root/src/a.yaml', subPath: 'a.yaml' }],
            },
          ],
        },
      },
    },
  };
}

type Step = string | number;
const MAPS = new Set(['labels', 'annotations', 'matchLabels', 'limits', 'requests']);
const INT_OR_STRING = new Set(['maxSurge', 'maxUnavailable', 'port', 'targetPort']);

/** kpt's path form, written independently of the validator. */
function kptPath(steps: Step[]): string {
  let out = '';
  for (const s of steps) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function walk(v: Json, steps: Step[], visit: (v: Json, steps: Step[]) => void): void {
  visit(v, steps);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...steps, i], visit));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...steps, k], visit);
}

function at(root: Json, steps: Step[]): Json {
  return steps.reduce<Json>((n, s) => (n as Record<string, Json>)[s as string], root);
}

const base = deployment();
const structs: Step[][] = [];
const stringLeaves: Step[][] = [];
walk(base, [], (v, steps) => {
  const last = steps[steps.length - 1];
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(typeof last === 'string' && MAPS.has(last))) structs.push(steps);
  if (typeof v === 'string' && !(typeof last === 'string' && INT_OR_STRING.has(last)) && last !== 'apiVersion' && last !== 'kind') stringLeaves.push(steps);
});

describe('validateKubernetesObject properties', () => {
  test('the base Deployment is valid', () => {
    expect(validateKubernetesObject(base as unknown as KObject)).toEqual([]);
    expect(structs.length).toBeGreaterThan(15);
    expect(stringLeaves.length).toBeGreaterThan(15);
  });

  test('an unknown field anywhere in a struct gives exactly one message at its path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...structs), fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/), fc.jsonValue(), (steps, name, value) => {
        const obj = deployment();
        const key = `zz${name}`;
        (at(obj, steps) as Record<string, Json>)[key] = value as Json;
        expect(validateKubernetesObject(obj as unknown as KObject)).toEqual([`${kptPath([...steps, key])}: unknown field "${key}"`]);
      }),
      fcParams({ numRuns: 300 }),
    );
  });

  test('a string field set to a boolean gives exactly one type message at its path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...stringLeaves), fc.boolean(), (steps, b) => {
        const obj = deployment();
        const parent = at(obj, steps.slice(0, -1)) as Record<string, Json>;
        parent[steps[steps.length - 1] as string] = b;
        expect(validateKubernetesObject(obj as unknown as KObject)).toEqual([`${kptPath(steps)}: must be a string, not a boolean (${String(b)})`]);
      }),
      fcParams({ numRuns: 200 }),
    );
  });
});

// ---- Backstage CRs ----

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const containers = fc.oneof(fc.constant(['*']), fc.uniqueArray(name, { minLength: 1, maxLength: 3 }));
const opt = <T>(a: fc.Arbitrary<T>) => a;
const fileRef = fc.record({ name, key: opt(name), mountPath: fc.constantFrom('/a', '/opt/app-root/src/x'), containers }, { requiredKeys: ['name'] });
const envRef = fc.record({ name, key: name, containers }, { requiredKeys: ['name'] });
const pvcRef = fc.record({ name, mountPath: fc.constant('/data'), containers }, { requiredKeys: ['name'] });
const env = fc.record({ name: fc.stringMatching(/^[A-Z_]{1,10}$/), value: fc.string(), containers }, { requiredKeys: ['name', 'value'] });
const host = fc.domain().filter((d) => d.length <= 253);
const spec = fc.record(
  {
    application: fc.record(
      {
        appConfig: fc.record({ mountPath: fc.constant('/opt/app-root/src'), configMaps: fc.array(fileRef, { maxLength: 3 }) }, { requiredKeys: [] }),
        dynamicPluginsConfigMapName: name,
        extraFiles: fc.record(
          { mountPath: fc.constant('/x'), configMaps: fc.array(fileRef, { maxLength: 2 }), secrets: fc.array(fileRef, { maxLength: 2 }), pvcs: fc.array(pvcRef, { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
        extraEnvs: fc.record(
          { configMaps: fc.array(envRef, { maxLength: 2 }), secrets: fc.array(envRef, { maxLength: 2 }), envs: fc.array(env, { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
        route: fc.record({ enabled: fc.boolean(), host, subdomain: fc.constant('bs'), tls: fc.record({ certificate: fc.string(), key: fc.string() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    database: fc.record({ enableLocalDb: fc.boolean(), authSecretName: name }, { requiredKeys: [] }),
    monitoring: fc.record({ enabled: fc.boolean() }, { requiredKeys: [] }),
    rawRuntimeConfig: fc.record({ backstageConfig: name, localDbConfig: name }, { requiredKeys: [] }),
    deployment: fc.record({ kind: fc.constantFrom('Deployment', 'StatefulSet'), patch: fc.jsonValue() }, { requiredKeys: [] }),
    flavours: fc.array(fc.record({ name, enabled: fc.boolean() }, { requiredKeys: ['name'] }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

function cr(s: unknown): KObject {
  return { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'bs1', namespace: 'ns' }, spec: s } as KObject;
}

function check(obj: KObject) {
  const diag = new Diagnostics();
  const ok = validateBackstageCR(obj, diag);
  return { ok, results: diag.results };
}

describe('validateBackstageCR properties', () => {
  test('every CR built from the v1alpha5 types validates without results', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(check(cr(s))).toEqual({ ok: true, results: [] });
      }),
      fcParams({ numRuns: 300 }),
    );
  });

  test('any spec: no throw, same results twice, sorted by path, no duplicates, each pointing into the CR', () => {
    fc.assert(
      fc.property(fc.oneof(spec, fc.jsonValue(), fc.dictionary(fc.constantFrom('application', 'database', 'flavours', 'deployment', 'x'), fc.jsonValue())), (s) => {
        const obj = cr(s);
        const a = check(obj);
        const b = check(JSON.parse(JSON.stringify(obj)) as KObject);
        expect(a).toEqual(b);
        const paths = a.results.map((r) => r.field?.path ?? '');
        expect([...paths].sort()).toEqual(paths);
        const keys = a.results.map((r) => `${r.severity} ${r.field?.path} ${r.message}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const r of a.results) {
          expect(r.resourceRef).toEqual(refOf(obj));
          expect(r.field?.path === 'spec' || r.field?.path.startsWith('spec.') || r.field?.path.startsWith('spec[')).toBe(true);
          expect(r.field?.path.startsWith('spec.deployment.patch')).toBe(false);
        }
        expect(a.ok).toBe(!a.results.some((r) => r.severity === 'error'));
      }),
      fcParams({ numRuns: 300 }),
    );
  });
});
