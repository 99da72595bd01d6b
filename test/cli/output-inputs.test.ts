// Complete output directories (issue 13): `render -o DIR --include-inputs` writes the inputs the
// rendered workloads name beside the rendered objects (never the CR, never local-config), so the
// directory applies as it is; examples/flux is such a directory. profile-from-manifest refreshes a
// directory it wrote.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, copyDir, readTree, run, tmpDir } from '../helpers';
import { parseYamlDocuments } from '../../fn/yaml';
import type { KObject } from '../../fn/kio/types';
import { podSpecRefs, podSpecsOf } from '../../cli/commands/output-inputs';

const FLUX = path.join(REPO_ROOT, 'examples', 'flux', 'developer-hub');
const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'examples-test-seed-9f3c2a71' };
const UPDATE = process.env.UPDATE_EXAMPLES === '1';

function objectsIn(dir: string): KObject[] {
  return Object.entries(readTree(dir)).filter(([f]) => /\.ya?ml$/.test(f)).flatMap(([, t]) => parseYamlDocuments(t) as KObject[]);
}

/** Every ConfigMap, Secret and PVC a workload in the objects names, missing from them. */
function missingReferences(objects: KObject[]): string[] {
  const have = new Set(objects.map((o) => `${o.kind}|${o.metadata.namespace}|${o.metadata.name}`));
  const missing: string[] = [];
  for (const o of objects) for (const spec of podSpecsOf(o)) for (const r of podSpecRefs(spec)) {
    const key = `${r.kind}|${o.metadata.namespace}|${r.name}`;
    if (!have.has(key)) missing.push(`${o.kind} ${o.metadata.name} names ${r.kind} ${r.name}`);
  }
  return [...new Set(missing)].sort();
}

describe('render -o DIR --include-inputs', () => {
  test('examples/flux/developer-hub: the committed rendered/ is what the README command writes; again, nothing changes', () => {
    const dir = path.join(tmpDir('flux'), 'flux');
    copyDir(FLUX, dir);
    fs.rmSync(path.join(dir, 'rendered'), { recursive: true, force: true });
    const r = run(BIN, ['render', dir, '-o', path.join(dir, 'rendered'), '--include-inputs', '-q'], { env: SEED });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const tree = readTree(path.join(dir, 'rendered'));
    if (UPDATE) {
      fs.rmSync(path.join(FLUX, 'rendered'), { recursive: true, force: true });
      copyDir(path.join(dir, 'rendered'), path.join(FLUX, 'rendered'));
    }
    expect(readTree(path.join(FLUX, 'rendered'))).toEqual(tree);
    expect(run(BIN, ['render', dir, '-o', path.join(dir, 'rendered'), '--include-inputs', '-q'], { env: SEED }).status).toBe(0);
    expect(readTree(path.join(dir, 'rendered'))).toEqual(tree);
  });

  test('examples/flux/developer-hub/rendered: every ConfigMap, Secret and PVC a workload names is there (but the DB Secret, left out on purpose), and no CR or function config', () => {
    const objects = objectsIn(path.join(FLUX, 'rendered'));
    expect(missingReferences(objects)).toEqual([
      'Deployment backstage-developer-hub names Secret backstage-psql-secret-developer-hub',
      'StatefulSet backstage-psql-developer-hub names Secret backstage-psql-secret-developer-hub',
    ]);
    expect(objects.filter((o) => o.kind === 'Backstage' || o.kind === 'RenderBackstage' || o.metadata.annotations?.['config.kubernetes.io/local-config'] === 'true')).toEqual([]);
    expect(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'app-config-rhdh')).toBeDefined();
    expect(objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'rhdh-secrets')).toBeDefined();
  });

  test('a CR with app-config, extra files, envs and a PVC: nothing the workloads name is missing; without --include-inputs the inputs are', () => {
    const dir = tmpDir('include-inputs');
    fs.writeFileSync(
      path.join(dir, 'in.yaml'),
      [
        'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: hub\n  namespace: team\nspec:\n  application:\n    appConfig:\n      configMaps:\n        - name: app-cfg\n    extraFiles:\n      configMaps:\n        - name: files\n      secrets:\n        - name: file-secret\n          key: token\n      pvcs:\n        - name: cache\n    extraEnvs:\n      secrets:\n        - name: env-secret\n',
        '# the app-config, as written\n# (these lines belong to it)\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-cfg # as written\n  namespace: team\ndata:\n  app-config.yaml: "app: {title: x}"\n  flag:   \'yes\'\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: files\n  namespace: team\ndata:\n  a.txt: a\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: file-secret\n  namespace: team\nstringData:\n  token: t\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: env-secret\n  namespace: team\nstringData:\n  K: v\n',
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: cache\n  namespace: team\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tooling\n  namespace: team\n  annotations:\n    config.kubernetes.io/local-config: "true"\ndata:\n  x: y\n',
      ].join('---\n'),
    );
    const out = path.join(dir, 'out');
    const r = run(BIN, ['render', 'in.yaml', '-o', 'out', '--include-inputs', '-q'], { env: SEED, cwd: dir });
    expect(r.stderr).not.toMatch(/^error/m); // (a warning: -o writes the plain DB Secret into files)
    expect(r.status).toBe(0);
    const objects = objectsIn(out);
    expect(missingReferences(objects)).toEqual([]);
    // The inputs are the user's: each file is the document as it came, byte for byte, the comment
    // lines above it included (no annotation of ours).
    const docs = fs.readFileSync(path.join(dir, 'in.yaml'), 'utf8').split('---\n');
    expect(readTree(path.join(out, 'team', 'hub'))).toEqual(
      expect.objectContaining({
        'configmap_app-cfg.yaml': docs[1],
        'configmap_files.yaml': docs[2],
        'secret_file-secret.yaml': docs[3],
        'secret_env-secret.yaml': docs[4],
        'persistentvolumeclaim_cache.yaml': docs[5],
      }),
    );
    // Recorded as ours for the CR: a run without the reference removes the copy.
    const record = JSON.parse(fs.readFileSync(path.join(out, '.backstage-render-files'), 'utf8'));
    expect(record.files['team/hub/configmap_files.yaml'].owner).toBe('team/hub');
    fs.writeFileSync(path.join(dir, 'in.yaml'), docs.map((d, i) => (i === 0 ? d.replace('    extraFiles:\n      configMaps:\n        - name: files\n', '    extraFiles:\n') : d)).join('---\n'));
    expect(run(BIN, ['render', 'in.yaml', '-o', 'out', '--include-inputs', '-q'], { env: SEED, cwd: dir }).status).toBe(0);
    expect(fs.existsSync(path.join(out, 'team', 'hub', 'configmap_files.yaml'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'team', 'hub', 'configmap_app-cfg.yaml'), 'utf8')).toBe(docs[1]);
    expect(objects.some((o) => o.kind === 'Backstage' || o.metadata.name === 'tooling')).toBe(false);

    const bare = path.join(dir, 'bare');
    expect(run(BIN, ['render', 'in.yaml', '-o', 'bare', '-q'], { env: SEED, cwd: dir }).status).toBe(0);
    expect(missingReferences(objectsIn(bare))).toEqual(expect.arrayContaining(['Deployment backstage-hub names ConfigMap app-cfg']));
  });
});

describe('profile-from-manifest -o DIR', () => {
  const installManifest = (): string => {
    // A small install manifest in the operator's form: default-config with one file, a flavour.
    return [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rhdh-default-config\n  namespace: rhdh-operator\ndata:\n  deployment.yaml: |\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: backstage\n    spec:\n      template:\n        spec:\n          containers:\n            - name: backstage-backend\n              image: quay.io/x/y:1\n',
    ].join('---\n');
  };

  test('refreshes a directory it wrote; refuses one with files it did not write', () => {
    const dir = tmpDir('pfm');
    fs.writeFileSync(path.join(dir, 'install.yaml'), installManifest());
    expect(run(BIN, ['profile-from-manifest', 'install.yaml', '-o', 'profile'], { cwd: dir }).status).toBe(0);
    const first = readTree(path.join(dir, 'profile'));
    const again = run(BIN, ['profile-from-manifest', 'install.yaml', '-o', 'profile'], { cwd: dir });
    expect(again.stderr).not.toMatch(/^error/m);
    expect(again.status).toBe(0);
    expect(readTree(path.join(dir, 'profile'))).toEqual(first);

    fs.writeFileSync(path.join(dir, 'profile', 'mine.txt'), 'keep');
    const refused = run(BIN, ['profile-from-manifest', 'install.yaml', '-o', 'profile'], { cwd: dir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('error: profile holds files profile-from-manifest did not write (mine.txt); move them, or give a new directory\n');

    fs.mkdirSync(path.join(dir, 'other'));
    fs.writeFileSync(path.join(dir, 'other', 'x.yaml'), 'a: 1\n');
    const foreign = run(BIN, ['profile-from-manifest', 'install.yaml', '-o', 'other'], { cwd: dir });
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toBe('error: other exists and is not empty, and profile-from-manifest did not write it; give a new directory\n');
  });
});
