// The delivery options end to end through the CLI (bin/backstage-render): applyDeliveryOptions
// (fn/delivery.ts) is wired into renderBackstage (fn/render.ts), so each option changes the output.
import * as path from 'node:path';
import { BIN, REPO_ROOT, readTree, run, tmpDir } from '../helpers';
import { docs, type Obj } from './support';

const INPUT = path.join(REPO_ROOT, 'fixtures', 'orchestrator-flavour', 'input.yaml');
const DIGEST = 'sha256:' + 'c0ffee00'.repeat(8);

function render(args: string[]): Obj[] {
  const r = run(BIN, ['render', INPUT, '--secret-seed', 'wired-seed-0123456789abcdef', ...args]);
  if (r.status !== 0) throw new Error(r.stderr);
  return docs(r.stdout);
}

const find = (l: Obj[], kind: string, prefix = '') => l.find((o) => o.kind === kind && String(o.metadata.name).startsWith(prefix))!;
const withAnnotations = (o: Obj, a: Record<string, string>) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), ...a } } });

describe('delivery options through the CLI', () => {
  const base = render([]);
  const baseJob = find(base, 'Job');

  test('argocd-hook and sync waves', () => {
    const out = render(['--job-mode', 'argocd-hook', '--sync-waves']);
    expect(find(out, 'Job')).toEqual(withAnnotations(baseJob, { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded' }));
    for (const o of out) {
      const wave = o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
      expect([o.kind, wave]).toEqual([o.kind, ['NetworkPolicy', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'ServiceAccount'].includes(o.kind) ? '-1' : undefined]);
    }
  });

  test('hash-name with a pinned image: a new name from the pinned spec, no TTL; -o writes the file under that name', () => {
    const args = ['--job-mode', 'hash-name', '--pin-image', `quay.io/fedora/postgresql-15=${DIGEST}`];
    const job = find(render(args), 'Job');
    const { ttlSecondsAfterFinished: _ttl, ...spec } = structuredClone(baseJob.spec);
    spec.template.spec.containers[0].image = `quay.io/fedora/postgresql-15@${DIGEST}`;
    // Computed once outside our code: the base Job's spec without ttlSecondsAfterFinished, image pinned,
    // keys sorted, compact JSON (`yq -c '…' | jq -cS . | tr -d '\\n' | sha256sum`), first 10 hex digits.
    const hash = '6a4964df28';
    expect(job).toEqual({ ...baseJob, metadata: { ...baseJob.metadata, name: `${baseJob.metadata.name}-${hash}` }, spec });
    const dir = tmpDir('wired-o');
    expect(run(BIN, ['render', INPUT, '--secret-seed', 'wired-seed-0123456789abcdef', ...args, '-o', dir]).status).toBe(0);
    expect(Object.keys(readTree(dir)).filter((f) => f.includes('job_'))).toEqual([`rhdh/developer-hub/job_${baseJob.metadata.name}-${hash}.yaml`]);
  });

  test('prune label on every object, flux annotations on the DB Secret and the Job', () => {
    const out = render(['--prune-label', '--flux-ssa-if-not-present', '--job-mode', 'flux-force']);
    expect(out.every((o) => o.metadata.labels?.['app.kubernetes.io/managed-by'] === 'backstage-render')).toBe(true);
    const secret = find(out, 'Secret', 'backstage-psql-secret-');
    expect(secret.metadata.annotations['kustomize.toolkit.fluxcd.io/ssa']).toBe('IfNotPresent');
    expect(find(out, 'Job').metadata.annotations['kustomize.toolkit.fluxcd.io/force']).toBe('Enabled');
    expect(find(out, 'Job').spec.ttlSecondsAfterFinished).toBeUndefined();
    // Selectors and pod templates untouched.
    const dep = find(out, 'Deployment');
    expect(dep.spec).toEqual(find(base, 'Deployment').spec);
  });

  test('no delivery option: byte for byte the default output', () => {
    const a = run(BIN, ['render', INPUT, '--secret-seed', 'wired-seed-0123456789abcdef']);
    const b = run(BIN, ['render', INPUT, '--secret-seed', 'wired-seed-0123456789abcdef', '--job-mode', 'operator']);
    expect(b.stdout).toBe(a.stdout);
  });
});
