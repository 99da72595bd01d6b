// The delivery options (fn/delivery.ts) on the real sonataflow plugin dependency of the rhdh
// profile and on small objects; whole objects compared.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../../fn/diagnostics';
import { applyDeliveryOptions, containerImages, imageName, pinnedImage, reportUnusedPins, stableJson } from '../../fn/delivery';
import type { KObject } from '../../fn/kio/types';
import { parseFunctionConfig, withDefaults, type RenderOptions } from '../../fn/options';
import { parseYamlDocuments } from '../../fn/yaml';
import { REPO_ROOT } from '../helpers';

const DIGEST = 'sha256:' + 'ab'.repeat(32);

function sonataflow(): KObject[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh', 'plugin-deps', 'sonataflow.yaml'), 'utf8');
  return (parseYamlDocuments(text.split('{{backstage-name}}').join('dh').split('{{backstage-ns}}').join('rhdh')) as KObject[]).map((o) => ({
    ...o,
    metadata: { ...o.metadata, namespace: 'rhdh' },
  }));
}

function job(objects: KObject[]): KObject {
  return objects.find((o) => o.kind === 'Job')!;
}

const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'backstage-psql-secret-dh', namespace: 'rhdh' }, stringData: { POSTGRES_USER: 'postgres' } };
const deployment: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'backstage-dh', namespace: 'rhdh', labels: { 'rhdh.redhat.com/app': 'backstage-dh' } },
  spec: {
    selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-dh' } },
    template: { metadata: { labels: { 'rhdh.redhat.com/app': 'backstage-dh' } }, spec: { containers: [{ name: 'backstage-backend', image: 'quay.io/rhdh/rhdh-hub-rhel9:1.8' }] } },
  },
};

function apply(objects: KObject[], options: Partial<RenderOptions>) {
  const diag = new Diagnostics();
  const before = JSON.stringify(objects);
  const out = applyDeliveryOptions(objects, withDefaults(options), diag);
  expect(JSON.stringify(objects)).toBe(before); // pure: inputs untouched
  return { out, results: diag.results };
}

describe('applyDeliveryOptions', () => {
  test('no delivery option: the very same objects (output equals the operator)', () => {
    const objects = [...sonataflow(), secret, deployment];
    const { out, results } = apply(objects, { jobMode: 'operator' });
    expect(out).not.toBe(objects);
    out.forEach((o, i) => expect(o).toBe(objects[i]));
    expect(results).toEqual([]);
  });

  test('jobMode hash-name: spec hash in the name, no TTL; the hash changes only with the content', () => {
    const { out, results } = apply(sonataflow(), { jobMode: 'hash-name' });
    const original = job(sonataflow());
    const { ttlSecondsAfterFinished, ...specNoTtl } = original.spec as Record<string, unknown>;
    expect(ttlSecondsAfterFinished).toBe(30);
    // Computed once outside our code: sed the placeholders (dh, rhdh) into profiles/1.10/rhdh/plugin-deps/sonataflow.yaml |
    // yq -c 'select(.kind=="Job") | .spec | del(.ttlSecondsAfterFinished)' | jq -cS . | tr -d '\\n' | sha256sum
    const hash = 'ba1435d021';
    expect(job(out)).toEqual({ ...original, metadata: { name: `create-sonataflow-database-dh-${hash}`, namespace: 'rhdh' }, spec: specNoTtl });
    expect(results).toEqual([]);
    // Same content, same name; pinned image (other content), other name.
    expect(job(apply(sonataflow(), { jobMode: 'hash-name' }).out).metadata.name).toBe(job(out).metadata.name);
    const pinned = apply(sonataflow(), { jobMode: 'hash-name', pinImages: { 'quay.io/fedora/postgresql-15:latest': DIGEST } }).out;
    expect(job(pinned).metadata.name).not.toBe(job(out).metadata.name);
    // Everything but the Job is untouched.
    expect(out.filter((o) => o.kind !== 'Job')).toEqual(sonataflow().filter((o) => o.kind !== 'Job'));
  });

  test('stableJson: keys sorted at every depth, undefined fields dropped, compact', () => {
    expect(stableJson({ b: 1, a: [{ d: undefined, c: 'x"y' }, null], e: { z: true, y: 1.5 } })).toBe('{"a":[{"c":"x\\"y"},null],"b":1,"e":{"y":1.5,"z":true}}');
  });

  test('jobMode hash-name: a name Kubernetes would reject is an error on the Job', () => {
    const long = job(sonataflow());
    long.metadata.name = 'create-sonataflow-database-a-very-long-backstage-name-xx';
    const { results } = apply([long], { jobMode: 'hash-name' });
    expect(results).toEqual([
      {
        severity: 'error',
        message: expect.stringMatching(/^jobMode hash-name: the Job name create-sonataflow-database-a-very-long-backstage-name-xx-[0-9a-f]{10} is longer than 63 characters/),
        resourceRef: { apiVersion: 'batch/v1', kind: 'Job', name: 'create-sonataflow-database-a-very-long-backstage-name-xx', namespace: 'rhdh' },
        field: { path: 'metadata.name' },
      },
    ]);
  });

  test('jobMode argocd-hook and flux-force', () => {
    const original = job(sonataflow());
    expect(job(apply(sonataflow(), { jobMode: 'argocd-hook' }).out)).toEqual({
      ...original,
      metadata: {
        name: 'create-sonataflow-database-dh',
        namespace: 'rhdh',
        annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded' },
      },
    });
    const { ttlSecondsAfterFinished: _ttl, ...specNoTtl } = original.spec as Record<string, unknown>;
    expect(job(apply(sonataflow(), { jobMode: 'flux-force' }).out)).toEqual({
      ...original,
      metadata: { name: 'create-sonataflow-database-dh', namespace: 'rhdh', annotations: { 'kustomize.toolkit.fluxcd.io/force': 'Enabled' } },
      spec: specNoTtl,
    });
  });

  test('syncWaves: dependencies before the workload; hooks and existing waves left alone', () => {
    const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rhdh' } };
    const cm: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'rhdh', annotations: { 'argocd.argoproj.io/sync-wave': '5' } } };
    const { out } = apply([ns, cm, secret, deployment, ...sonataflow()], { syncWaves: true, jobMode: 'argocd-hook' });
    const waves = Object.fromEntries(out.map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? null]));
    expect(waves).toEqual({
      'Namespace/rhdh': '-2',
      'ConfigMap/c': '5',
      'Secret/backstage-psql-secret-dh': '-1',
      'Deployment/backstage-dh': null,
      'NetworkPolicy/allow-infra-ns-to-workflow-ns': '-1',
      'NetworkPolicy/allow-external-communication': '-1',
      'NetworkPolicy/allow-intra-network': '-1',
      'NetworkPolicy/allow-monitoring-to-sonataflow-and-workflows': '-1',
      'Job/create-sonataflow-database-dh': null,
      'SonataFlowPlatform/sonataflow-platform': null,
    });
    expect(out[2]).toEqual({ ...secret, metadata: { ...secret.metadata, annotations: { 'argocd.argoproj.io/sync-wave': '-1' } } });
  });

  test('syncWaves: a hook of a kind that gets a wave (a PreSync Secret, a ConfigMap with an empty hook annotation) gets none', () => {
    const hookSecret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'h', namespace: 'rhdh', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }, stringData: { k: 'v' } };
    const emptyHook: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e', namespace: 'rhdh', annotations: { 'argocd.argoproj.io/hook': '' } } };
    const plain: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'p', namespace: 'rhdh' } };
    const { out, results } = apply([hookSecret, emptyHook, plain], { syncWaves: true });
    expect(results).toEqual([]);
    expect(out).toEqual([hookSecret, emptyHook, { ...plain, metadata: { ...plain.metadata, annotations: { 'argocd.argoproj.io/sync-wave': '-1' } } }]);
  });

  test('pinImages: exact image, by name without tag, digest/tag/reference values; unused pins and floating images warned', () => {
    expect(imageName('quay.io/fedora/postgresql-15:latest')).toBe('quay.io/fedora/postgresql-15');
    expect(imageName('localhost:5000/x@' + DIGEST)).toBe('localhost:5000/x');
    expect(pinnedImage('quay.io/fedora/postgresql-15:latest', DIGEST)).toBe(`quay.io/fedora/postgresql-15@${DIGEST}`);
    expect(pinnedImage('quay.io/fedora/postgresql-15:latest', `@${DIGEST}`)).toBe(`quay.io/fedora/postgresql-15@${DIGEST}`);
    expect(pinnedImage('quay.io/fedora/postgresql-15:latest', ':15.8')).toBe('quay.io/fedora/postgresql-15:15.8');
    expect(pinnedImage('quay.io/fedora/postgresql-15:latest', `mirror.example/pg@${DIGEST}`)).toBe(`mirror.example/pg@${DIGEST}`);
    expect(pinnedImage('quay.io/fedora/postgresql-15:latest', `postgres@${DIGEST}`)).toBe(`postgres@${DIGEST}`);

    const byName = apply(sonataflow(), { pinImages: { 'quay.io/fedora/postgresql-15': DIGEST, 'docker.io/unused:1': '2' } });
    const c = ((job(byName.out).spec as any).template.spec.containers as Array<Record<string, unknown>>)[0];
    expect(c.image).toBe(`quay.io/fedora/postgresql-15@${DIGEST}`);
    expect(byName.results).toEqual([]);
    // Unused pins are judged once over the whole output (all CRs).
    const diag = new Diagnostics();
    reportUnusedPins(containerImages([...byName.out, deployment]), withDefaults({ pinImages: { 'quay.io/fedora/postgresql-15': DIGEST, 'docker.io/unused:1': '2', 'quay.io/rhdh/rhdh-hub-rhel9': '1.8' } }), diag);
    expect(diag.results).toEqual([{ severity: 'warning', message: 'pinImages: no rendered container uses the image docker.io/unused:1' }]);

    const floating = apply(sonataflow(), { pinImages: { 'docker.io/other:1': '2' } });
    expect(floating.results).toEqual([
      {
        severity: 'warning',
        message: 'Job rhdh/create-sonataflow-database-dh: container "psql" uses the floating image quay.io/fedora/postgresql-15:latest; pin it with pinImages',
        resourceRef: { apiVersion: 'batch/v1', kind: 'Job', name: 'create-sonataflow-database-dh', namespace: 'rhdh' },
      },
    ]);
  });

  test('pruneLabel: metadata only, never selectors or templates; an existing other value is kept with a warning', () => {
    const { out, results } = apply([deployment], { pruneLabel: 'app.kubernetes.io/managed-by=backstage-render' });
    expect(out).toEqual([{ ...deployment, metadata: { ...deployment.metadata, labels: { 'app.kubernetes.io/managed-by': 'backstage-render', 'rhdh.redhat.com/app': 'backstage-dh' } } }]);
    expect(results).toEqual([]);
    const other = { ...deployment, metadata: { ...deployment.metadata, labels: { 'app.kubernetes.io/managed-by': 'someone' } } };
    const again = apply([other], { pruneLabel: 'app.kubernetes.io/managed-by=backstage-render' });
    expect(again.out).toEqual([other]);
    expect(again.results).toEqual([
      {
        severity: 'warning',
        message: 'pruneLabel: Deployment rhdh/backstage-dh already has the label app.kubernetes.io/managed-by=someone; left as it is',
        resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'backstage-dh', namespace: 'rhdh' },
        field: { path: 'metadata.labels.app.kubernetes.io/managed-by' },
      },
    ]);
  });

  test('fluxSsaIfNotPresent: only the generated DB Secret', () => {
    const other: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'my-secret', namespace: 'rhdh' } };
    const { out } = apply([secret, other], { fluxSsaIfNotPresent: true });
    expect(out).toEqual([{ ...secret, metadata: { ...secret.metadata, annotations: { 'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent' } } }, other]);
  });
});

describe('delivery options in the function config', () => {
  test('RenderBackstage spec: lists and maps', () => {
    const fc = {
      apiVersion: 'fn.kpt.dev/v1alpha1',
      kind: 'RenderBackstage',
      metadata: { name: 'r' },
      spec: { inputs: ['backstage.yaml', 'config/'], jobMode: 'hash-name', syncWaves: true, pinImages: { 'quay.io/fedora/postgresql-15:latest': DIGEST }, pruneLabel: true, fluxSsaIfNotPresent: 'true' },
    };
    expect(parseFunctionConfig(fc)).toEqual({
      options: {
        inputs: ['backstage.yaml', 'config/'],
        jobMode: 'hash-name',
        syncWaves: true,
        pinImages: { 'quay.io/fedora/postgresql-15:latest': DIGEST },
        pruneLabel: 'app.kubernetes.io/managed-by=backstage-render',
        fluxSsaIfNotPresent: true,
      },
      results: [],
    });
  });

  test('ConfigMap data (kpt fn eval -- key=value): comma lists', () => {
    const fc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: { inputs: 'a.yaml, b/', pinImages: `x:latest=${DIGEST},y=:1.2,z=mirror.example/z@${DIGEST}`, pruneLabel: 'team=platform' } };
    expect(parseFunctionConfig(fc)).toEqual({ options: { inputs: ['a.yaml', 'b/'], pinImages: { 'x:latest': DIGEST, y: ':1.2', z: `mirror.example/z@${DIGEST}` }, pruneLabel: 'team=platform' }, results: [] });
  });

  test.each([
    ['the README\'s old example, a digest cut short', 'quay.io/fedora/postgresql-15:latest=sha256:…', '"quay.io/fedora/postgresql-15:latest=sha256:…" is not a pin (a sha256 digest has 64 lowercase hex digits)'],
    ['a short digest', 'x=sha256:abc', '"x=sha256:abc" is not a pin (a sha256 digest has 64 lowercase hex digits)'],
    ['a bare tag', 'x=15.8', '"x=15.8" is not a pin (a tag is written with its colon: x=:15.8)'],
    ['not a tag', 'x=Not A Tag!', '"x=Not A Tag!" is not a pin'],
    ['a reference with a tag but no digest', 'x=mirror.example/pg:15', '"x=mirror.example/pg:15" is not a pin'],
    ['an image with a digest as the key', `x@${DIGEST}=:1`, `"x@${DIGEST}=:1": "x@${DIGEST}" is not an image name`],
    ['no pin', 'x', '"x" is not a pin'],
  ])('pinImages refuses %s, naming the entry', (_what, entry, message) => {
    const fc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fi' }, data: { pinImages: entry } };
    const results = parseFunctionConfig(fc).results;
    expect(results).toHaveLength(1);
    expect(results[0].message).toMatch(new RegExp(`^option "pinImages": ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*; a pin is image\\[:tag\\]=\\[repo\\]@sha256:<64 hex digits> or image\\[:tag\\]=:tag$`));
  });

  test('wrong values name the field', () => {
    const fc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fi' }, data: { jobMode: 'hook', pinImages: 'x', pruneLabel: '=x', inputs: ' , ' } };
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'fi' };
    expect(parseFunctionConfig(fc).results).toEqual([
      { severity: 'error', message: 'option "jobMode" must be one of operator, hash-name, argocd-hook, flux-force, not "hook"', resourceRef: ref, field: { path: 'data.jobMode' } },
      {
        severity: 'error',
        message: 'option "pinImages": "x" is not a pin; a pin is image[:tag]=[repo]@sha256:<64 hex digits> or image[:tag]=:tag',
        resourceRef: ref,
        field: { path: 'data.pinImages' },
      },
      { severity: 'error', message: 'option "pruneLabel" must be true, false or key=value (a valid label)', resourceRef: ref, field: { path: 'data.pruneLabel' } },
      { severity: 'error', message: 'option "inputs" must be a list of paths or a comma-separated string of paths', resourceRef: ref, field: { path: 'data.inputs' } },
    ]);
  });
});
