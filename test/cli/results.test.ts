// Results said once and in proportion (issue 13). Under kpt, the results are shown by kpt
// (Results:) and nothing is printed again under Stderr:; under kustomize, which ignores results,
// each result is a line on stderr. Results that differ only in their object are folded into one.
// The CLI: --quiet, --results json, --results-file, diff --format json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, KUSTOMIZE, run, tmpDir } from '../helpers';
import { foldResults, resultKind } from '../../fn/diagnostics';
import type { Result } from '../../fn/kio/types';
import * as YAML from 'yaml';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'results-seed-7d3e19a2b4' };
const cr = (ns: string, name = 'developer-hub', apiVersion = 'rhdh.redhat.com/v1alpha5') => `apiVersion: ${apiVersion}\nkind: Backstage\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;
const INGRESS_INFO = 'app.baseUrl, backend.baseUrl and backend.cors.origin are not written into the default app-config';

describe('under kpt, results are printed once', () => {
  test('kpt fn eval: Results: lists the info, and no Stderr: section repeats it', () => {
    const dir = tmpDir('kpt-once');
    fs.writeFileSync(path.join(dir, 'cr.yaml'), cr('rhdh'));
    const r = run('kpt', ['fn', 'eval', dir, '--exec', BIN], { env: SEED });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Results:');
    expect(r.stderr.split(INGRESS_INFO)).toHaveLength(2);
    expect(r.stderr).not.toContain('Stderr:');
  });

  test('kpt fn eval with an error: the error once under Results:, exit 1', () => {
    const dir = tmpDir('kpt-once-error');
    fs.writeFileSync(path.join(dir, 'cr.yaml'), cr('rhdh', 'developer-hub', 'rhdh.redhat.com/v1alpha9'));
    const r = run('kpt', ['fn', 'eval', dir, '--exec', BIN], { env: SEED });
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('is not a supported version of rhdh.redhat.com')).toHaveLength(2);
    expect(r.stderr).not.toContain('Stderr:');
  });

  test('kustomize (which ignores results): the error is a line on stderr, the build fails', () => {
    const dir = tmpDir('kustomize-stderr');
    fs.writeFileSync(path.join(dir, 'cr.yaml'), cr('rhdh', 'developer-hub', 'rhdh.redhat.com/v1alpha9'));
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - cr.yaml\ntransformers:\n  - render.yaml\n');
    fs.writeFileSync(path.join(dir, 'render.yaml'), `apiVersion: fn.kpt.dev/v1alpha1\nkind: RenderBackstage\nmetadata:\n  name: render\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ${BIN}\n`);
    const r = run(KUSTOMIZE, ['build', '--enable-alpha-plugins', '--enable-exec', dir], { env: SEED });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('error: rhdh.redhat.com/v1alpha9 is not a supported version of rhdh.redhat.com');
  });
});

describe('repeated results are folded', () => {
  test('foldResults: the same message on many objects becomes one result with a count and the first three', () => {
    const ref = (ns: string) => ({ apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'dh', namespace: ns });
    const same = (ns: string): Result => ({ severity: 'info', message: 'no ingress domain', resourceRef: ref(ns), field: { path: 'spec.application.route' } });
    const other: Result = { severity: 'warning', message: 'something else', resourceRef: ref('a') };
    expect(foldResults([same('a'), other, same('b'), same('c'), same('d'), same('e')])).toEqual([
      { ...same('a'), message: 'no ingress domain [5 Backstage objects: a/dh, b/dh, c/dh and 2 more]' },
      other,
    ]);
    expect(foldResults([same('a'), same('b')])).toEqual([{ ...same('a'), message: 'no ingress domain [2 Backstage objects: a/dh, b/dh]' }]);
    expect(foldResults([other])).toEqual([other]);
  });

  test('foldResults: messages that name their own object are of one kind and fold; other names are not taken out', () => {
    const secret = (ns: string, name: string): Result => ({
      severity: 'warning',
      message: `dbSecret plain: Secret ${ns}/${name} is written with the database password in plaintext`,
      resourceRef: { apiVersion: 'v1', kind: 'Secret', name, namespace: ns },
    });
    const mounts = (ns: string): Result => ({ severity: 'info', message: `Backstage ${ns}/dh mounts dh-config`, resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'dh', namespace: ns } });
    const mountsOther: Result = { ...mounts('c'), message: 'Backstage c/dh mounts other-config' };
    // The object's name is taken out where it stands alone: not out of "a/dh-config".
    expect(resultKind({ ...mounts('a'), message: 'Backstage a/dh mounts a/dh-config' })).toBe('Backstage <object> mounts a/dh-config');
    expect(foldResults([secret('team-1', 'db-a'), mounts('a'), secret('team-2', 'db-b'), mounts('b'), mountsOther, secret('team-3', 'db-c'), secret('team-4', 'db-d')])).toEqual([
      { ...secret('team-1', 'db-a'), message: 'dbSecret plain: Secret team-1/db-a is written with the database password in plaintext [4 Secret objects: team-1/db-a, team-2/db-b, team-3/db-c and 1 more]' },
      { ...mounts('a'), message: 'Backstage a/dh mounts dh-config [2 Backstage objects: a/dh, b/dh]' },
      mountsOther,
    ]);
    // The same words about another kind of object are another kind of result.
    const cm: Result = { ...secret('team-1', 'db-a'), resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'db-a', namespace: 'team-1' } };
    expect(foldResults([secret('team-1', 'db-a'), cm])).toEqual([secret('team-1', 'db-a'), cm]);
    // A CR named like a word of the message ("on") is still of the same kind as the others.
    const crNamed = (ns: string, name: string): Result => ({ severity: 'info', message: 'set it on the CR', resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name, namespace: ns } });
    expect(foldResults([crNamed('x', 'a'), crNamed('on', 'on')])).toEqual([{ ...crNamed('x', 'a'), message: 'set it on the CR [2 Backstage objects: x/a, on/on]' }]);
  });

  test('50 CRs on OpenShift without an ingress domain: the info is said once', () => {
    const input = Array.from({ length: 50 }, (_x, i) => cr(`team-${i}`)).join('---\n');
    const r = run(BIN, ['render', '-', '--platform', 'openshift'], { input, env: SEED });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `info: ${INGRESS_INFO}: the Route host depends on the cluster ingress domain; set the ingressDomain option (or spec.application.route.host) ` +
        '[50 Backstage objects: team-0/developer-hub, team-1/developer-hub, team-10/developer-hub and 47 more] (Backstage team-0/developer-hub, field spec.application.route)\n',
    );
  });

  test('a 1,000-CR fleet whose DB Secrets are written in plaintext: one warning naming the first three Secrets and the count', () => {
    // bench/fleet.js: each CR in its own namespace (no shared dependency), ingressDomain set.
    const { fleet } = require('../../bench/fleet.js') as { fleet: (n: number) => unknown };
    const r = run(BIN, [], { input: JSON.stringify(fleet(1000)), env: SEED });
    expect(r.status).toBe(0);
    const message =
      'dbSecret plain: Secret team-0000/backstage-psql-secret-developer-hub is written with the database password in plaintext; do not commit it. ' +
      'dbSecret sealed-secrets (a SealedSecret only the cluster can open) or external-secrets (the cluster makes the password) keep it out of git; omit leaves the Secret out ' +
      '[1000 Secret objects: team-0000/backstage-psql-secret-developer-hub, team-0001/backstage-psql-secret-portal-0001, team-0002/backstage-psql-secret-developer-hub and 997 more]';
    const results = YAML.parse(r.stdout.slice(r.stdout.lastIndexOf('\nresults:\n')));
    expect(results).toEqual({
      results: [{ message, severity: 'warning', resourceRef: { apiVersion: 'v1', kind: 'Secret', name: 'backstage-psql-secret-developer-hub', namespace: 'team-0000' } }],
    });
    expect(r.stderr).toBe(`warning: ${message} (Secret team-0000/backstage-psql-secret-developer-hub)\n`);
  });
});

describe('the CLI reports as asked', () => {
  test('--quiet leaves infos out', () => {
    const r = run(BIN, ['render', '-', '--quiet'], { input: cr('rhdh'), env: SEED });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('kind: Deployment');
  });

  test('--quiet keeps warnings', () => {
    const r = run(BIN, ['render', '-', '-q'], { input: cr('rhdh', 'dh', 'rhdh.redhat.com/v1alpha3'), env: SEED });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: rhdh.redhat.com\/v1alpha3 is not served/);
    expect(r.stderr).not.toMatch(/^info:/m);
  });

  test('--results json: one JSON document on stderr with the exit code and kpt result fields', () => {
    const r = run(BIN, ['render', '-', '--results', 'json'], { input: cr('rhdh', 'dh', 'rhdh.redhat.com/v1alpha9'), env: SEED });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      exitCode: 1,
      results: [
        {
          severity: 'error',
          message: 'rhdh.redhat.com/v1alpha9 is not a supported version of rhdh.redhat.com; supported: rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5',
          resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha9', kind: 'Backstage', name: 'dh', namespace: 'rhdh' },
          field: { path: 'apiVersion' },
        },
      ],
    });
  });

  test('--results-file: the results as JSON in a file, the lines on stderr as usual', () => {
    const dir = tmpDir('results-file');
    const r = run(BIN, ['render', '-', '--results-file', 'results.json'], { input: cr('rhdh'), env: SEED, cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^info: /);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(file.exitCode).toBe(0);
    expect(file.results).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringContaining(INGRESS_INFO) })]);
  });

  test('diff --format json: the differences as one document, Secret values masked, exit 2', () => {
    const dir = tmpDir('diff-json');
    fs.writeFileSync(path.join(dir, 'cr.yaml'), cr('rhdh'));
    expect(run(BIN, ['render', 'cr.yaml', '-o', 'out'], { env: SEED, cwd: dir }).status).toBe(0);
    const r = run(BIN, ['diff', 'cr.yaml', '--against', 'out', '--format', 'json', '-q'], { env: { BACKSTAGE_RENDER_SECRET_SEED: 'another-seed-5c2a8e1f90' }, cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.differences).toBe(doc.objects.length);
    const secret = doc.objects.find((o: { kind: string }) => o.kind === 'Secret');
    expect(secret).toMatchObject({ change: 'changed', kind: 'Secret', object: 'rhdh/backstage-psql-secret-developer-hub' });
    expect(secret.fields.map((f: { path: string }) => f.path)).toContain('data.POSTGRES_PASSWORD');
    for (const f of secret.fields) expect([f.live, f.rendered]).toEqual([{ secret: true }, { secret: true }]);
    expect(r.stdout).not.toContain('results-seed');
  });
});
