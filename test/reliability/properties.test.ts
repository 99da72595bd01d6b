// Property-based: generated Backstage CRs (valid by schemas/backstage-v1alpha5.schema.json, random
// combinations of the spec fields) with the ConfigMaps and Secrets they refer to either generated
// into the input or left out, on both platforms, rendered in-process on the embedded rhdh profile
// (loaded once). For every input:
//   - rendering never throws;
//   - the output is deterministic: a second render, and a render of the items shuffled, give the
//     same objects and the same results;
//   - every output object of a built-in kind passes strict Kubernetes validation;
//   - no result mentions a Secret value or the seed.
// A failure shows the (shrunk) input as YAML with the options, and what went wrong.
import * as path from 'node:path';
import fc from 'fast-check';
import { fcParams } from '../fc-seed';
import type { KObject, Result } from '../../fn/kio/types';
import { withDefaults, type RenderOptions } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { stringifyYamlDocuments } from '../../fn/yaml';
import { isValidatedKind, validateKubernetesObject } from '../../fn/validate/k8s-output';
import { validateBackstageCR } from '../../fn/validate/cr-schema';
import { Diagnostics } from '../../fn/diagnostics';
import { derivePassword, dbSecretName } from '../../fn/model/db-password';
import { loadProfileDir } from '../../cli/profile-loader';
import { REPO_ROOT } from '../helpers';

const profile = loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), 'rhdh');
const SEED = 'property-seed-4b1d';
/** Cases per run; PROPERTY_RUNS overrides (e.g. 5000 for a longer local run). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);

// ---- generators ----

const CM_NAMES = ['cfg-a', 'cfg-b'];
const SECRET_NAMES = ['sec-a', 'sec-b'];
const KEYS = ['app-config.yaml', 'extra.yaml', 'LOG_LEVEL', 'token.txt'];
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops undefined fields, so the CR has only what was generated. */
function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out as T;
  }
  return v;
}

const fileRef = (names: string[]) => fc.record({ name: fc.constantFrom(...names), key: opt(fc.constantFrom(...KEYS)), mountPath: opt(fc.constantFrom('/opt/extra', '/data/files')) });
const envRef = (names: string[]) => fc.record({ name: fc.constantFrom(...names), key: opt(fc.constantFrom(...KEYS)), containers: opt(fc.constantFrom(['*'], ['backstage-backend'])) });
const hostname = fc.constantFrom('backstage.example.com', 'a.b.c', 'x1');

const application = fc.record({
  appConfig: opt(fc.record({ mountPath: opt(fc.constantFrom('/opt/app-root/src', '/etc/config')), configMaps: opt(fc.array(fc.record({ name: fc.constantFrom(...CM_NAMES), key: opt(fc.constantFrom('app-config.yaml', 'extra.yaml')) }), { maxLength: 2 })) })),
  extraFiles: opt(
    fc.record({
      mountPath: opt(fc.constantFrom('/opt/app-root/src/files', '/files')),
      configMaps: opt(fc.array(fileRef(CM_NAMES), { maxLength: 2 })),
      secrets: opt(fc.array(fileRef(SECRET_NAMES), { maxLength: 2 })),
      pvcs: opt(fc.array(fc.record({ name: fc.constantFrom('pvc-a', 'pvc-b'), mountPath: opt(fc.constantFrom('/pvc')) }), { maxLength: 2 })),
    }),
  ),
  extraEnvs: opt(
    fc.record({
      envs: opt(fc.array(fc.record({ name: fc.constantFrom('A', 'B_C', 'LOG_LEVEL'), value: fc.constantFrom('1', 'debug', '') }), { maxLength: 2 })),
      configMaps: opt(fc.array(envRef(CM_NAMES), { maxLength: 2 })),
      secrets: opt(fc.array(envRef(SECRET_NAMES), { maxLength: 2 })),
    }),
  ),
  route: opt(
    fc.record({
      enabled: opt(fc.boolean()),
      host: opt(hostname),
      subdomain: opt(fc.constantFrom('portal', 'dev-hub')),
      tls: opt(fc.record({ certificate: opt(fc.constant('CERT')), key: opt(fc.constant('KEY')), externalCertificateSecretName: opt(fc.constant('tls-secret')), caCertificate: opt(fc.constant('CA')) })),
    }),
  ),
});

const PATCHES: Array<Record<string, unknown>> = [
  { spec: { replicas: 2 } },
  { spec: { template: { spec: { containers: [{ name: 'backstage-backend', env: [{ name: 'FROM_PATCH', value: 'x' }] }] } } } },
  { spec: { template: { spec: { volumes: [{ name: 'extra-vol', emptyDir: {} }], containers: [{ name: 'backstage-backend', volumeMounts: [{ name: 'extra-vol', mountPath: '/extra' }] }] } } } },
  { spec: { template: { metadata: { labels: { team: 'a' } }, spec: { containers: [{ name: 'sidecar', image: 'busybox:1' }] } } } },
  { spec: { template: { spec: { containers: [{ name: 'backstage-backend', resources: { limits: { memory: '2Gi' } } }] } } } },
];

const spec = fc.record({
  application: opt(application),
  database: opt(fc.record({ enableLocalDb: opt(fc.boolean()), authSecretName: opt(fc.constant('db-creds')) })),
  deployment: opt(fc.record({ kind: opt(fc.constantFrom('Deployment', 'StatefulSet')), patch: opt(fc.constantFrom(...PATCHES)) })),
  flavours: opt(fc.subarray(['lightspeed', 'orchestrator']).chain((names) => fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), enabled: fc.boolean() }))))),
  monitoring: opt(fc.record({ enabled: fc.boolean() })),
});

/** A Secret value: distinctive, so a leak is found by substring. */
const secretValue = fc.stringMatching(/^[a-z0-9]{6,12}$/).map((s) => `sv-${s}`);

const scenario = fc
  .record({
    name: fc.constantFrom('bs1', 'developer-hub', 'x'),
    namespace: opt(fc.constantFrom('ns1', 'team-a')),
    annotations: opt(fc.record({ 'rhdh.redhat.com/idle': opt(fc.constantFrom('true', 'false')), 'rhdh.redhat.com/deployment-patch-list-merge-mode': opt(fc.constantFrom('prepend', 'append')) })),
    spec: opt(spec),
    // Which referenced objects the input holds, and their keys.
    present: fc.record({ 'cfg-a': fc.boolean(), 'cfg-b': fc.boolean(), 'sec-a': fc.boolean(), 'sec-b': fc.boolean(), 'db-creds': fc.boolean() }),
    keys: fc.subarray(KEYS, { minLength: 1 }),
    secretValues: fc.array(secretValue, { minLength: 4, maxLength: 4 }),
    secretAsData: fc.boolean(),
    platform: fc.constantFrom('openshift', 'kubernetes') as fc.Arbitrary<'openshift' | 'kubernetes'>,
    ingressDomain: opt(fc.constant('apps.example.com')),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  })
  .map((s) => clean(s));

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function itemsOf(s: Scenario): KObject[] {
  const ns = s.namespace;
  const meta = (name: string) => clean({ name, namespace: ns });
  const cr: KObject = clean({
    apiVersion: 'rhdh.redhat.com/v1alpha5',
    kind: 'Backstage',
    metadata: clean({ name: s.name, namespace: ns, annotations: s.annotations && Object.keys(s.annotations).length > 0 ? s.annotations : undefined }),
    ...(s.spec ? { spec: s.spec } : {}),
  }) as KObject;
  const items: KObject[] = [cr];
  for (const name of CM_NAMES) {
    if (!s.present[name as keyof typeof s.present]) continue;
    items.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name), data: Object.fromEntries(s.keys.map((k) => [k, k.endsWith('.yaml') ? `app:\n  title: ${name}\n` : 'value'])) });
  }
  SECRET_NAMES.forEach((name, i) => {
    if (!s.present[name as keyof typeof s.present]) return;
    const values = Object.fromEntries(s.keys.map((k, j) => [k, `${s.secretValues[(i * 2 + j) % 4]}-${j}`]));
    items.push(
      s.secretAsData
        ? { apiVersion: 'v1', kind: 'Secret', metadata: meta(name), data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) }
        : { apiVersion: 'v1', kind: 'Secret', metadata: meta(name), stringData: values },
    );
  });
  if (s.present['db-creds']) {
    items.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta('db-creds'), stringData: { POSTGRES_HOST: 'db.example.com', POSTGRES_PORT: '5432', POSTGRES_USER: 'app', POSTGRES_PASSWORD: `${s.secretValues[3]}-db` } });
  }
  return items;
}

function secretsOf(s: Scenario): string[] {
  const out = [SEED, derivePassword(SEED, s.namespace ?? 'default', dbSecretName(s.name))];
  for (const v of s.secretValues) out.push(v);
  return out;
}

function optionsOf(s: Scenario): RenderOptions {
  return withDefaults({ platform: s.platform, profile: 'rhdh', secretSeed: SEED, ...(s.ingressDomain ? { ingressDomain: s.ingressDomain } : {}) });
}

function shuffled<T>(items: T[], order: number[]): T[] {
  return items
    .map((it, i) => ({ it, k: order[i % order.length] * 31 + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.it);
}

function describeInput(s: Scenario): string {
  return `options: platform=${s.platform}${s.ingressDomain ? ` ingressDomain=${s.ingressDomain}` : ''} secretSeed=${SEED}\n---\n${stringifyYamlDocuments(itemsOf(s))}`;
}

class PropertyFailure extends Error {}

/** Many generated objects repeat across inputs (the same profile objects): validate each text once. */
const validations = new Map<string, string[]>();
function validated(o: KObject): string[] {
  const key = JSON.stringify(o);
  let problems = validations.get(key);
  if (!problems) {
    problems = validateKubernetesObject(o);
    if (validations.size > 5000) validations.clear();
    validations.set(key, problems);
  }
  return problems;
}

function fail(s: Scenario, what: string, detail: unknown): never {
  throw new PropertyFailure(`${what}\n${typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)}\n\ninput:\n${describeInput(s)}`);
}

const snapshot = (r: { generated: KObject[]; results: Result[] }) => JSON.stringify({ generated: r.generated, results: r.results });

function check(s: Scenario): { generated: KObject[]; results: Result[] } {
  const items = itemsOf(s);
  // The generator makes schema-valid CRs: if it does not, the property is not testing what it says.
  const diag = new Diagnostics();
  if (!validateBackstageCR(JSON.parse(JSON.stringify(items[0])) as KObject, diag)) fail(s, 'the generated CR is not valid by the schema', diag.results);

  const options = optionsOf(s);
  const render = (its: KObject[]) => {
    try {
      return renderBackstage({ items: JSON.parse(JSON.stringify(its)) as KObject[], options, profile });
    } catch (e) {
      return fail(s, `renderBackstage threw: ${(e as Error).message}`, (e as Error).stack ?? '');
    }
  };
  const first = render(items);
  // The second render is of the items in a generated order (sometimes the same order): it must
  // give the same objects and results whatever the order, so also when rendering twice.
  const reordered = render(shuffled(items, s.order));
  if (snapshot(first) !== snapshot(reordered)) fail(s, 'a second render, of the same items in another order, differs', { first: first.results, reordered: reordered.results });

  const problems: string[] = [];
  for (const o of first.generated) {
    if (!isValidatedKind(o.apiVersion, o.kind)) continue;
    for (const p of validated(o)) problems.push(`${o.kind} ${o.metadata.name}: ${p}`);
  }
  if (problems.length > 0) fail(s, 'an output object fails strict Kubernetes validation', problems);

  const messages = JSON.stringify(first.results);
  const leaked = secretsOf(s).filter((v) => messages.includes(v));
  if (leaked.length > 0) fail(s, `a result mentions a Secret value or the seed: ${leaked.join(', ')}`, first.results);
  return first;
}

describe('generated CRs (fast-check, seeded: test/fc-seed.ts)', () => {
  test('never throw, render deterministically (twice, shuffled), validate, and leak no Secret value', () => {
    const started = Date.now();
    let errors = 0;
    let rendered = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const res = check(s);
        if (res.results.some((r) => r.severity === 'error')) errors++;
        else rendered++;
      }),
      fcParams({ numRuns: RUNS, includeErrorInReport: true }),
    );
    // Both outcomes are exercised: inputs that render and inputs that end in an error result.
    expect(rendered).toBeGreaterThan(RUNS / 2);
    expect(errors).toBeGreaterThan(RUNS / 50);
    // eslint-disable-next-line no-console
    console.log(`${RUNS} generated inputs: ${rendered} rendered, ${errors} ended in an error result, ${Date.now() - started} ms`);
  }, 180000);
});
