// Names made from the CR name (fn/model/names.ts): a CR name that would make a name Kubernetes
// refuses is an error on metadata.name, and nothing is rendered for the CR. The boundaries: the
// longest CR name that works renders; one more character is an error with the exact message.
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { REPO_ROOT } from '../helpers';
import { build, errorsOf } from './helpers';
import { crOf, testProfile } from './fixtures';

const noDb = { database: { enableLocalDb: false } };
const name = (n: number) => 'a'.repeat(n);
const REF = (n: number) => ({ apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: name(n), namespace: 'ns1' });
const nameError = (n: number, message: string) => ({ severity: 'error', message, resourceRef: REF(n), field: { path: 'metadata.name' } });

const SERVICE = 'at most 63 for a Service name, an RFC 1035 label';
const LABEL = 'at most 63 for a label value';
const OBJECT = 'at most 253 for an object name';
const STS = 'at most 52 for a StatefulSet name: its pods get the label controller-revision-hash=<StatefulSet name>-<hash of up to 10 characters>, at most 63';

/** Every object name, label value and pod volume name of the output within Kubernetes' limits. */
function invalidNames(objects: KObject[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const n = String(o.metadata.name);
    const max = o.kind === 'Service' ? 63 : o.kind === 'StatefulSet' ? 52 : 253;
    if (n.length > max) out.push(`${o.kind} ${n}`);
    const spec = (o as { spec?: Record<string, any> }).spec ?? {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const set of [o.metadata.labels, spec.selector?.matchLabels ?? spec.selector, spec.template?.metadata?.labels]) {
      for (const [k, v] of Object.entries(set ?? {})) if (typeof v === 'string' && v.length > 63) out.push(`${o.kind} ${n} label ${k}`);
    }
    const vols: Array<{ name: string }> = spec.template?.spec?.volumes ?? [];
    if (vols.some((v) => v.name.length > 63)) out.push(`${o.kind} ${n} volume name`);
    if (new Set(vols.map((v) => v.name)).size !== vols.length) out.push(`${o.kind} ${n} duplicate volume`);
  }
  return out;
}

function expectRenders(b: ReturnType<typeof build>): void {
  expect(errorsOf(b.results)).toEqual([]);
  expect(b.model.objects.length).toBeGreaterThan(0);
  expect(invalidNames(b.model.objects)).toEqual([]);
}

describe('names made from the CR name', () => {
  test('local database: 37 characters render; 38 make the database StatefulSet too long for its pods', () => {
    expectRenders(build({ cr: crOf({}, { name: name(37) }), profile: testProfile() }));
    const b = build({ cr: crOf({}, { name: name(38) }), profile: testProfile() });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([
      nameError(
        38,
        `metadata.name has 38 characters, too many for the names made from it (<name> below): StatefulSet backstage-psql-<name> would have 53 characters (${STS}); with profile test and this spec, a CR name may have at most 37 characters`,
      ),
    ]);
  });

  test('local database, 49 characters: the database Service and its rhdh.redhat.com/app label pass 63 too', () => {
    const b = build({ cr: crOf({}, { name: name(49) }), profile: testProfile() });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([
      nameError(
        49,
        'metadata.name has 49 characters, too many for the names made from it (<name> below): ' +
          `StatefulSet backstage-psql-<name> would have 64 characters (${STS}); ` +
          `Service backstage-psql-<name> would have 64 characters (${SERVICE}); ` +
          `label rhdh.redhat.com/app=backstage-psql-<name> would have 64 characters (${LABEL}); ` +
          'with profile test and this spec, a CR name may have at most 37 characters',
      ),
    ]);
  });

  test('no local database: 53 characters render; 54 make the Service name and the rhdh.redhat.com/app label too long', () => {
    expectRenders(build({ cr: crOf(noDb, { name: name(53) }), profile: testProfile() }));
    const b = build({ cr: crOf(noDb, { name: name(54) }), profile: testProfile() });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([
      nameError(
        54,
        'metadata.name has 54 characters, too many for the names made from it (<name> below): ' +
          `Service backstage-<name> would have 64 characters (${SERVICE}); ` +
          `label rhdh.redhat.com/app=backstage-<name> would have 64 characters (${LABEL}); ` +
          'with profile test and this spec, a CR name may have at most 53 characters',
      ),
    ]);
  });

  test('253 characters (the longest CR name): every name is listed, four at most', () => {
    const b = build({ cr: crOf(noDb, { name: name(253) }), profile: testProfile() });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([
      nameError(
        253,
        'metadata.name has 253 characters, too many for the names made from it (<name> below): ' +
          `Service backstage-<name> would have 263 characters (${SERVICE}); ` +
          `label rhdh.redhat.com/app=backstage-<name> would have 263 characters (${LABEL}); ` +
          `label app.kubernetes.io/instance=<name> would have 253 characters (${LABEL}); ` +
          `Deployment backstage-<name> would have 263 characters (${OBJECT}); ` +
          'with profile test and this spec, a CR name may have at most 53 characters',
      ),
    ]);
  });

  test('a Backstage workload of kind StatefulSet (spec.deployment.kind): 42 characters render, 43 do not', () => {
    const spec = (n: number) => crOf({ ...noDb, deployment: { kind: 'StatefulSet' } }, { name: name(n) });
    expectRenders(build({ cr: spec(42), profile: testProfile() }));
    expect(errorsOf(build({ cr: spec(43), profile: testProfile() }).results)).toEqual([
      nameError(
        43,
        `metadata.name has 43 characters, too many for the names made from it (<name> below): StatefulSet backstage-<name> would have 53 characters (${STS}); with profile test and this spec, a CR name may have at most 42 characters`,
      ),
    ]);
  });

  test('volume names the operator shortens are not an error; two that become one are', () => {
    const files = (a: string, b: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${a}}\ndata: {x: y}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${b}}\ndata: {z: y}\n`;
    const profile = testProfile({ 'default-config/configmap-files.yaml': files('cfg-one', 'cfg-two') });
    // backstage-files-<name>-cfg-one and -cfg-two differ at index 16 + n + 5: distinct up to n = 41.
    const ok = build({ cr: crOf(noDb, { name: name(41) }), profile });
    expectRenders(ok);
    const vols = (ok.model.objects.find((o) => o.kind === 'Deployment')!.spec as any).template.spec.volumes.map((v: { name: string }) => v.name); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(vols).toEqual([`backstage-files-${name(41)}-cfg-o`, `backstage-files-${name(41)}-cfg-t`]);
    const b = build({ cr: crOf(noDb, { name: name(42) }), profile });
    expect(errorsOf(b.results)).toEqual([
      nameError(
        42,
        'metadata.name has 42 characters, too many for the names made from it (<name> below): the pod volumes of ConfigMap backstage-files-<name>-cfg-one and ConfigMap backstage-files-<name>-cfg-two, shortened to 63 characters as the operator does, would have one name; with profile test and this spec, a CR name may have at most 41 characters',
      ),
    ]);
  });

  test("a '.' in the CR name: no Service may have it", () => {
    const b = build({ cr: crOf(noDb, { name: 'my.app' }), profile: testProfile() });
    expect(b.model.objects).toEqual([]);
    expect(errorsOf(b.results)).toEqual([
      {
        severity: 'error',
        message: `metadata.name "my.app" has a '.', which a Service name may not have (${SERVICE}): Service backstage-<name> would be refused; use '-' instead`,
        resourceRef: { ...REF(0), name: 'my.app' },
        field: { path: 'metadata.name' },
      },
    ]);
  });

  describe('the rhdh profile', () => {
    const rhdh = loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), 'rhdh');
    const opts = { options: { ingressDomain: 'apps.example.com' } };

    test('local database: 37 characters render, 38 do not', () => {
      expectRenders(build({ cr: crOf({}, { name: name(37) }), profile: rhdh, ...opts }));
      expect(errorsOf(build({ cr: crOf({}, { name: name(38) }), profile: rhdh, ...opts }).results)).toEqual([
        nameError(
          38,
          `metadata.name has 38 characters, too many for the names made from it (<name> below): StatefulSet backstage-psql-<name> would have 53 characters (${STS}); with profile rhdh and this spec, a CR name may have at most 37 characters`,
        ),
      ]);
    });

    test('no local database: 44 characters render, 45 shorten two file volumes to one name', () => {
      expectRenders(build({ cr: crOf(noDb, { name: name(44) }), profile: rhdh, ...opts }));
      expect(errorsOf(build({ cr: crOf(noDb, { name: name(45) }), profile: rhdh, ...opts }).results)).toEqual([
        nameError(
          45,
          'metadata.name has 45 characters, too many for the names made from it (<name> below): the pod volumes of ConfigMap backstage-files-<name>-llama-stack-config and ConfigMap backstage-files-<name>-lightspeed-stack-config, shortened to 63 characters as the operator does, would have one name; with profile rhdh and this spec, a CR name may have at most 44 characters',
        ),
      ]);
    });
  });
});
