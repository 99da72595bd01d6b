import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../../fn/diagnostics';
import { InputObjects } from '../../fn/inputs';
import type { KObject } from '../../fn/kio/types';
import { readBackstageCR } from '../../fn/model/cr';
import { dbSecretData, dbSecretName, derivePassword } from '../../fn/model/db-password';
import type { BackstageCR } from '../../fn/model/types';
import { DEFAULT_OPTIONS, type RenderOptions } from '../../fn/options';
import { parseYaml } from '../../fn/yaml';
import { OPERATOR_DATA, describeWithShared } from '../helpers';

const V5 = 'rhdh.redhat.com/v1alpha5';
const SEED = 's3cret-seed';

function backstage(spec: unknown, namespace = 'ns1'): BackstageCR {
  const d = new Diagnostics();
  const cr = readBackstageCR({ apiVersion: V5, kind: 'Backstage', metadata: { name: 'bs1', namespace }, spec } as KObject, undefined, d);
  return cr!;
}

const OPTS: RenderOptions = { ...DEFAULT_OPTIONS, secretSeed: SEED };
const NAME = dbSecretName('bs1');
const none = new InputObjects();

function run(cr: BackstageCR, options: RenderOptions, more: { previous?: KObject[]; inputs?: KObject[]; defaultSecret?: KObject } = {}) {
  const diag = new Diagnostics();
  const out = dbSecretData({
    cr,
    options,
    previous: new InputObjects(more.previous ?? []),
    inputs: new InputObjects(more.inputs ?? []),
    secretName: NAME,
    defaultSecret: more.defaultSecret,
    diag,
  });
  return { out, results: diag.results };
}

describe('derivePassword', () => {
  test('base64 of the first 24 bytes of HMAC-SHA256(seed, "<namespace>/<name>"): 32 characters like the operator', () => {
    const p = derivePassword(SEED, 'ns1', NAME);
    expect(p).toBe('K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0');
    expect(p).toBe(createHmac('sha256', SEED).update('ns1/backstage-psql-secret-bs1').digest().subarray(0, 24).toString('base64'));
    expect(p).toMatch(/^[A-Za-z0-9+/]{32}$/);
    expect(derivePassword(SEED, 'ns2', NAME)).toBe('m+nkSVGpMC03CWIXNrwckAKQNT7sYGF3');
  });
});

describe('dbSecretData', () => {
  test('derived from the seed: the five keys the operator writes', () => {
    const { out, results } = run(backstage({}), OPTS);
    expect(out).toEqual({
      stringData: {
        POSTGRESQL_ADMIN_PASSWORD: 'K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0',
        POSTGRES_HOST: 'backstage-psql-bs1',
        POSTGRES_PASSWORD: 'K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0',
        POSTGRES_PORT: '5432',
        POSTGRES_USER: 'postgres',
      },
    });
    expect(Object.keys(out!.stringData!)).toEqual(['POSTGRESQL_ADMIN_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_PORT', 'POSTGRES_USER']);
    expect(results).toEqual([]);
  });

  test('the DB Service name and port given by the caller are used', () => {
    const diag = new Diagnostics();
    const out = dbSecretData({ cr: backstage({}), options: OPTS, previous: none, inputs: none, secretName: NAME, diag, dbServiceName: 'db', dbServicePort: 5433 });
    expect(out?.stringData).toMatchObject({ POSTGRES_HOST: 'db', POSTGRES_PORT: '5433' });
  });

  test('the profile Secret: its stringData is replaced, its data kept (minus keys stringData sets)', () => {
    const profile: KObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'postgres-secrets' },
      stringData: { POSTGRES_PASSWORD: 'admin123', EXTRA: 'dropped' },
      data: { KEPT: 'eA==', POSTGRES_USER: 'dXNlcg==' },
    };
    const { out } = run(backstage({}), OPTS, { defaultSecret: profile });
    expect(out).toEqual({
      stringData: {
        POSTGRESQL_ADMIN_PASSWORD: 'K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0',
        POSTGRES_HOST: 'backstage-psql-bs1',
        POSTGRES_PASSWORD: 'K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0',
        POSTGRES_PORT: '5432',
        POSTGRES_USER: 'postgres',
      },
      data: { KEPT: 'eA==' },
    });
  });

  test('nothing with authSecretName, a disabled local DB, or omitDbSecret', () => {
    expect(run(backstage({ database: { authSecretName: 'mine' } }), OPTS)).toEqual({ out: undefined, results: [] });
    expect(run(backstage({ database: { enableLocalDb: false } }), OPTS)).toEqual({ out: undefined, results: [] });
    expect(run(backstage({}), { ...DEFAULT_OPTIONS, omitDbSecret: true })).toEqual({ out: undefined, results: [] });
  });

  test('an existing Secret in the input keeps its values, before the previous render and the seed', () => {
    const input: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME, namespace: 'ns1' }, data: { POSTGRES_PASSWORD: 'b2xk' } };
    const previous: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME }, stringData: { POSTGRES_PASSWORD: 'prev' } };
    expect(run(backstage({}), OPTS, { inputs: [input], previous: [previous] })).toEqual({ out: { data: { POSTGRES_PASSWORD: 'b2xk' } }, results: [] });
    expect(run(backstage({}), { ...DEFAULT_OPTIONS }, { previous: [previous] })).toEqual({ out: { stringData: { POSTGRES_PASSWORD: 'prev' } }, results: [] });
  });

  test('keys named __proto__ and constructor (legal Secret keys) are kept as keys', () => {
    const input = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME, namespace: 'ns1' }, ...JSON.parse('{"data": {"__proto__": "eA==", "constructor": "eQ=="}, "stringData": {"__proto__": "z"}}') } as KObject;
    const { out } = run(backstage({}), OPTS, { inputs: [input] });
    expect(Object.getOwnPropertyNames(out!.data)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(out!.data)).toBe(Object.prototype);
    expect(out!.data!.__proto__).toBe('eA==');
    expect(Object.getOwnPropertyNames(out!.stringData)).toEqual(['__proto__']);
    // The profile Secret's data: constructor and toString are not keys of the generated stringData.
    const profile = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'p' }, ...JSON.parse('{"data": {"constructor": "eA==", "toString": "eQ==", "__proto__": "eg==", "POSTGRES_USER": "dQ=="}}') } as KObject;
    const derived = run(backstage({}), OPTS, { defaultSecret: profile }).out!;
    expect(Object.getOwnPropertyNames(derived.data)).toEqual(['constructor', 'toString', '__proto__']);
    expect(Object.getPrototypeOf(derived.data)).toBe(Object.prototype);
  });

  test('a Secret of that name in another namespace is not it', () => {
    const other: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME, namespace: 'other' }, stringData: { POSTGRES_PASSWORD: 'x' } };
    expect(run(backstage({}), OPTS, { inputs: [other] }).out?.stringData?.POSTGRES_PASSWORD).toBe('K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0');
  });

  test('no seed: an error naming the ways out', () => {
    const { out, results } = run(backstage({}), { ...DEFAULT_OPTIONS });
    expect(out).toBeUndefined();
    expect(results).toEqual([
      {
        severity: 'error',
        message:
          "the local database Secret backstage-psql-secret-bs1 needs a password, which the operator makes up at random once; a render must not. Either give the runner's seed in the BACKSTAGE_RENDER_SECRET_SEED environment variable (or --secret-seed; make one with `openssl rand -base64 32`) to derive a stable password, or feed back the existing Secret backstage-psql-secret-bs1 (from the cluster or an earlier render) in the input, or point spec.database.authSecretName at a Secret you manage (or set omitDbSecret and create backstage-psql-secret-bs1 out of band)",
        resourceRef: { apiVersion: V5, kind: 'Backstage', name: 'bs1', namespace: 'ns1' },
        field: { path: 'spec.database.authSecretName' },
      },
    ]);
  });

  test('no result ever holds the seed or the password', () => {
    const all: string[] = [];
    for (const opts of [OPTS, { ...DEFAULT_OPTIONS }]) all.push(...run(backstage({}), opts).results.map((r) => JSON.stringify(r)));
    for (const text of all) {
      expect(text).not.toContain(SEED);
      expect(text).not.toContain('K3jpeVqw');
    }
  });
});

describeWithShared('the operator test data for the DB Secret', () => {
  const dir = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'pkg', 'model', 'testdata');
  test.each(['db-defined-secret.yaml', 'db-generated-secret.yaml', 'db-empty-secret.yaml'])('%s as the profile Secret: the same five keys', (file) => {
    const secret = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as KObject;
    const { out, results } = run(backstage({}), OPTS, { defaultSecret: secret });
    expect(results).toEqual([]);
    expect(out).toEqual({
      stringData: {
        POSTGRESQL_ADMIN_PASSWORD: 'K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0',
        POSTGRES_HOST: 'backstage-psql-bs1',
        POSTGRES_PASSWORD: 'K3jpeVqwEICFagWpqKKpUD/4CZLFcDh0',
        POSTGRES_PORT: '5432',
        POSTGRES_USER: 'postgres',
      },
    });
  });
});
