// dbSecret sealed-secrets: every sealed value opens the way the sealed-secrets controller opens it
// (pkg/crypto/crypto.go HybridDecrypt: uint16 length, RSA-OAEP SHA-256 with the scope as label, then
// AES-256-GCM with a zero nonce), with Node's standard OAEP (privateDecrypt), never our own encoder.
import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { mgf1, oaepEncode, readSealingKey, sealValue, type SealingKey } from '../../fn/sealing';
import { parseYamlDocuments } from '../../fn/yaml';
import { resolveProfile } from '../../cli/profile-loader';
import { runRender } from '../../cli/run-render';
import { REPO_ROOT, tmpDir } from '../helpers';

const KEYS = path.join(REPO_ROOT, 'test', 'keys');
const TEST_CERT = fs.readFileSync(path.join(KEYS, 'TEST-ONLY-sealed-secrets.cert.pem'), 'utf8');
const TEST_KEY = fs.readFileSync(path.join(KEYS, 'TEST-ONLY-sealed-secrets.key.pem'), 'utf8');
const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const SEED = 'sealed-secrets-test-seed-0123456789';
const NAME = 'backstage-psql-secret-developer-hub';

/** What the controller does with one value of spec.encryptedData. */
function unseal(value: string, privateKey: string, label: string): string {
  const b = Buffer.from(value, 'base64');
  const rsaLength = b.readUInt16BE(0);
  const sessionKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label, 'utf8') },
    b.subarray(2, 2 + rsaLength),
  );
  const aes = b.subarray(2 + rsaLength);
  const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  decipher.setAuthTag(aes.subarray(aes.length - 16));
  return Buffer.concat([decipher.update(aes.subarray(0, aes.length - 16)), decipher.final()]).toString('utf8');
}

function sessionKeyOf(value: string, privateKey: string, label: string): Buffer {
  const b = Buffer.from(value, 'base64');
  return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label) }, b.subarray(2, 2 + b.readUInt16BE(0)));
}

function expectedObjects(fixture: string): KObject[] {
  return parseYamlDocuments(fs.readFileSync(path.join(FIXTURES, fixture, 'expected.yaml'), 'utf8')) as KObject[];
}

function find(objects: KObject[], kind: string, name = NAME): KObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

function unsealAll(sealed: KObject, privateKey = TEST_KEY): Record<string, string> {
  const label = `${sealed.metadata.namespace}/${sealed.metadata.name}`;
  const data = (sealed.spec as { encryptedData: Record<string, string> }).encryptedData;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, unseal(v, privateKey, label)]));
}

const CR: KObject = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'developer-hub', namespace: 'rhdh' } };

function render(items: KObject[], more: Record<string, unknown> = {}, cert: string | undefined = TEST_CERT) {
  const options = withDefaults({ profile: 'rhdh', dbSecret: 'sealed-secrets', secretSeed: SEED, ...more });
  return renderBackstage({ items, options, profile: resolveProfile('rhdh'), ...(cert ? { sealingCertificate: { pem: cert, source: 'cert.pem' } } : {}) });
}

describe('the fixtures open as the controller opens them', () => {
  test('dbsecret-sealed-secrets and -kubernetes hold the very Secret dbsecret-plain holds (same seed), sealed for strict scope', () => {
    const plain = find(expectedObjects('dbsecret-plain'), 'Secret')!;
    const plainData = plain.stringData as Record<string, string>;
    expect(Object.keys(plainData).sort()).toEqual(['POSTGRESQL_ADMIN_PASSWORD', 'POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_PORT', 'POSTGRES_USER']);
    for (const fixture of ['dbsecret-sealed-secrets', 'dbsecret-sealed-secrets-kubernetes']) {
      const objects = expectedObjects(fixture);
      expect(find(objects, 'Secret')).toBeUndefined();
      const sealed = find(objects, 'SealedSecret')!;
      expect(sealed.apiVersion).toBe('bitnami.com/v1alpha1');
      expect(unsealAll(sealed)).toEqual(plainData);
      // The controller's Unseal: the Secret takes the template's metadata and type, name and namespace from the SealedSecret.
      expect((sealed.spec as { template: unknown }).template).toEqual({
        metadata: { name: NAME, namespace: 'rhdh', labels: { 'app.kubernetes.io/instance': 'developer-hub', 'app.kubernetes.io/name': 'backstage' } },
        type: 'Opaque',
      });
      // Strict scope: another label (namespace-wide `rhdh`, cluster-wide ``) does not open it.
      const value = (sealed.spec as { encryptedData: Record<string, string> }).encryptedData.POSTGRES_PASSWORD;
      expect(() => unseal(value, TEST_KEY, 'rhdh')).toThrow();
      expect(() => unseal(value, TEST_KEY, '')).toThrow();
      expect(sealed.metadata.annotations?.['sealedsecrets.bitnami.com/namespace-wide']).toBeUndefined();
      expect(sealed.metadata.annotations?.['sealedsecrets.bitnami.com/cluster-wide']).toBeUndefined();
    }
  });

  test('dbsecret-sealed-secrets: the Deployment, the database and the orchestrator Job still read the Secret it unseals into', () => {
    const objects = expectedObjects('dbsecret-sealed-secrets');
    const text = JSON.stringify(objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'Job'));
    expect(objects.filter((o) => o.kind === 'Job').length).toBe(1);
    expect(text.split(`"name":"${NAME}"`).length - 1).toBeGreaterThanOrEqual(3);
  });

  test('dbsecret-sealed-secrets-existing keeps the SealedSecret of the input, which still opens to its own password', () => {
    const input = (parseYamlDocuments(fs.readFileSync(path.join(FIXTURES, 'dbsecret-sealed-secrets-existing', 'input.yaml'), 'utf8')) as KObject[]).find((o) => o.kind === 'SealedSecret')!;
    const out = find(expectedObjects('dbsecret-sealed-secrets-existing'), 'SealedSecret')!;
    expect((out.spec as { encryptedData: unknown }).encryptedData).toEqual((input.spec as { encryptedData: unknown }).encryptedData);
    const opened = unsealAll(out);
    const derived = unsealAll(find(expectedObjects('dbsecret-sealed-secrets'), 'SealedSecret')!);
    expect(opened.POSTGRES_HOST).toBe(derived.POSTGRES_HOST);
    expect(opened.POSTGRES_PASSWORD).not.toBe(derived.POSTGRES_PASSWORD);
  });

  test('dbsecret-sealed-secrets-mismatch replaces a namespace-wide one with the derived password, strict scope', () => {
    const out = find(expectedObjects('dbsecret-sealed-secrets-mismatch'), 'SealedSecret')!;
    expect(unsealAll(out)).toEqual(unsealAll(find(expectedObjects('dbsecret-sealed-secrets'), 'SealedSecret')!));
  });
});

describe('sealing', () => {
  const key = readSealingKey(TEST_CERT) as SealingKey;

  test('the same arguments give the same bytes; another key name or plaintext another session key', () => {
    const args = { seed: SEED, label: 'ns/name', keyName: 'POSTGRES_PASSWORD', plaintext: Buffer.from('secret value') };
    const a = sealValue(key, args);
    expect(sealValue(key, args)).toBe(a);
    expect(unseal(a, TEST_KEY, 'ns/name')).toBe('secret value');
    const k = sessionKeyOf(a, TEST_KEY, 'ns/name');
    expect(sessionKeyOf(sealValue(key, { ...args, keyName: 'POSTGRESQL_ADMIN_PASSWORD' }), TEST_KEY, 'ns/name').equals(k)).toBe(false);
    expect(sessionKeyOf(sealValue(key, { ...args, plaintext: Buffer.from('secret valuf') }), TEST_KEY, 'ns/name').equals(k)).toBe(false);
    // Without the seed nobody can recompute the session key from a guessed value.
    expect(sessionKeyOf(sealValue(key, { ...args, seed: `${SEED}x` }), TEST_KEY, 'ns/name').equals(k)).toBe(false);
  });

  test('a key generated here (PEM public key, 2048 bits) seals what its private key opens', () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const k = readSealingKey(pair.publicKey) as SealingKey;
    expect(k.modulusBytes).toBe(256);
    const v = sealValue(k, { seed: SEED, label: 'a/b', keyName: 'K', plaintext: Buffer.from('päss') });
    expect(Buffer.from(v, 'base64').readUInt16BE(0)).toBe(256);
    expect(unseal(v, pair.privateKey, 'a/b')).toBe('päss');
  });

  test('OAEP encoding: RFC 8017 layout (leading zero, 2hLen+2 overhead) and MGF1 lengths', () => {
    const em = oaepEncode(Buffer.alloc(32, 7), Buffer.from('l'), Buffer.alloc(32, 1), 256);
    expect(em.length).toBe(256);
    expect(em[0]).toBe(0);
    expect(mgf1(Buffer.from('x'), 70).length).toBe(70);
    expect(() => oaepEncode(Buffer.alloc(200), Buffer.alloc(0), Buffer.alloc(32), 256)).toThrow('message too long for OAEP');
  });

  test('not a certificate, not RSA, too small: messages', () => {
    expect(readSealingKey('hello')).toMatch(/^not a PEM certificate or public key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    expect(readSealingKey(ec.publicKey)).toBe('the key is ec, not RSA (the sealed-secrets controller\'s keys are RSA)');
    const small = generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    expect(readSealingKey(small.publicKey)).toBe("the RSA key has 1024 bits; the sealed-secrets controller's keys have at least 2048");
  });
});

describe('the dbSecret sealed-secrets stage', () => {
  test('a Secret of the input (the cluster, before moving off the operator) is sealed with its own password', () => {
    const secret: KObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: NAME, namespace: 'rhdh' },
      data: { POSTGRES_PASSWORD: Buffer.from('from-the-cluster').toString('base64'), POSTGRESQL_ADMIN_PASSWORD: Buffer.from('from-the-cluster').toString('base64') },
      stringData: { POSTGRES_USER: 'postgres' },
    };
    const res = render([CR, secret]);
    expect(res.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(unsealAll(find(res.generated, 'SealedSecret')!)).toEqual({ POSTGRESQL_ADMIN_PASSWORD: 'from-the-cluster', POSTGRES_PASSWORD: 'from-the-cluster', POSTGRES_USER: 'postgres' });
    expect(find(res.generated, 'Secret')).toBeUndefined();
  });

  test('the same input twice: the same bytes; an earlier render fed back is kept as it is', () => {
    const a = render([CR]);
    const b = render([CR]);
    expect(JSON.stringify(b.generated)).toBe(JSON.stringify(a.generated));
    const earlier = find(a.generated, 'SealedSecret')!;
    // Sealed for the same certificate with another seed (another password) earlier: the earlier one stays.
    const other = render([CR], { secretSeed: 'another-seed-another-password' });
    const fedBack = render([CR, find(other.generated, 'SealedSecret')!]);
    expect(find(fedBack.generated, 'SealedSecret')!.spec).toEqual(find(other.generated, 'SealedSecret')!.spec);
    expect(find(fedBack.generated, 'SealedSecret')!.spec).not.toEqual(earlier.spec);
  });

  test('no seed: an error, nothing sealed; no password in any message', () => {
    const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME, namespace: 'rhdh' }, stringData: { POSTGRES_PASSWORD: 'from-the-cluster' } };
    const options = withDefaults({ profile: 'rhdh', dbSecret: 'sealed-secrets' });
    const res = renderBackstage({ items: [CR, secret], options, profile: resolveProfile('rhdh'), sealingCertificate: { pem: TEST_CERT, source: 'cert.pem' } });
    expect(res.generated).toEqual([]);
    expect(res.results.filter((r) => r.severity === 'error').map((r) => r.message)).toEqual([
      'dbSecret sealed-secrets: sealing Secret rhdh/backstage-psql-secret-developer-hub offline and the same way every run needs the secret seed (the secretSeed option or the BACKSTAGE_RENDER_SECRET_SEED environment variable)',
    ]);
    expect(JSON.stringify(res.results)).not.toContain('from-the-cluster');
  });

  test('a bad certificate names where it came from', () => {
    const res = render([CR], {}, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(res.results.filter((r) => r.severity === 'error').map((r) => r.message)[0]).toMatch(/^dbSecret sealed-secrets: sealedSecretsCert cert\.pem: not a PEM certificate or public key/);
  });
});

describe('the sealedSecretsCert path', () => {
  const dir = tmpDir('sealing-cert');
  const pkg = path.join(dir, 'pkg');
  fs.mkdirSync(pkg);
  fs.writeFileSync(path.join(pkg, 'cert.pem'), TEST_CERT);
  fs.writeFileSync(path.join(dir, 'outside.pem'), TEST_CERT);
  fs.symlinkSync(path.join(dir, 'outside.pem'), path.join(pkg, 'link.pem'));
  fs.symlinkSync(path.join(dir, 'missing.pem'), path.join(pkg, 'dangling.pem'));
  const fc = (p: string): KObject => ({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'render' }, spec: { dbSecret: 'sealed-secrets', sealedSecretsCert: p } });
  const env = { BACKSTAGE_RENDER_SECRET_SEED: SEED };

  test('from the package: inside it, it is read', () => {
    const out = runRender({ items: [CR], functionConfig: fc('cert.pem'), env, cwd: pkg });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(unsealAll(find(out.generated, 'SealedSecret')!).POSTGRES_USER).toBe('postgres');
  });

  test.each(['../outside.pem', path.join(dir, 'outside.pem'), 'link.pem', 'dangling.pem', '../missing.pem'])(
    'from the package: %s is refused with one message whether or not it exists',
    (p) => {
      const out = runRender({ items: [CR], functionConfig: fc(p), env, cwd: pkg });
      expect(out.generated).toEqual([]);
      expect(out.results).toEqual([
        {
          severity: 'error',
          message: `sealedSecretsCert "${p}" comes from the input, so it must be a relative path that stays inside the directory the function runs in (${pkg}), symbolic links included; the runner names another file with --sealed-secrets-cert`,
          resourceRef: { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', name: 'render' },
          field: { path: 'spec.sealedSecretsCert' },
        },
      ]);
    },
  );

  test('from the package: a missing file inside it is said so', () => {
    const out = runRender({ items: [CR], functionConfig: fc('nothing-here.pem'), env, cwd: pkg });
    expect(out.results.map((r) => r.message)).toEqual(['sealedSecretsCert nothing-here.pem: no such file']);
  });

  test('from the runner (the flag): any path it names', () => {
    const out = runRender({ items: [CR], flags: { dbSecret: 'sealed-secrets', sealedSecretsCert: path.join(dir, 'outside.pem') }, env, cwd: pkg });
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(find(out.generated, 'SealedSecret')).toBeDefined();
    const missing = runRender({ items: [CR], flags: { dbSecret: 'sealed-secrets', sealedSecretsCert: 'nope.pem' }, env, cwd: pkg });
    expect(missing.results).toEqual([{ severity: 'error', message: '--sealed-secrets-cert nope.pem: no such file' }]);
  });
});
