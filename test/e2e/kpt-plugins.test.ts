// A plugin disabled in a later render: its dependency objects leave the output, and kpt removes
// the files an earlier render wrote for them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, readTree, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'e2e-seed-0123456789abcdef' };

function pluginsConfigMap(tektonDisabled: boolean): string {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: my-plugins',
    '  namespace: rhdh',
    'data:',
    '  dynamic-plugins.yaml: |',
    '    plugins:',
    '      - package: ./dynamic-plugins/dist/backstage-community-plugin-tekton',
    `        disabled: ${tektonDisabled}`,
    '        dependencies:',
    '          - ref: tekton',
    '',
  ].join('\n');
}

test('kpt fn eval: disabling a plugin removes the files of its dependencies', () => {
  const dir = tmpDir('kpt-plugins');
  fs.writeFileSync(
    path.join(dir, 'backstage.yaml'),
    'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: hub\n  namespace: rhdh\nspec:\n  flavours: []\n  application:\n    dynamicPluginsConfigMapName: my-plugins\n',
  );
  fs.writeFileSync(path.join(dir, 'plugins.yaml'), pluginsConfigMap(false));
  const args = ['fn', 'eval', dir, '--exec', BIN, '--', 'platform=kubernetes'];

  expect(run('kpt', args, { env: SEED }).status).toBe(0);
  const withTekton = Object.keys(readTree(dir)).filter((f) => f.startsWith('rendered/'));
  const tektonFiles = withTekton.filter((f) => /^rendered\/rhdh_hub_(task|pipeline)_/.test(f));
  expect(tektonFiles.length).toBeGreaterThan(0);
  for (const f of tektonFiles) expect(readTree(dir)[f]).toContain('backstage-render.dev/dependency-of: ./dynamic-plugins/dist/backstage-community-plugin-tekton#tekton');

  fs.writeFileSync(path.join(dir, 'plugins.yaml'), pluginsConfigMap(true));
  expect(run('kpt', args, { env: SEED }).status).toBe(0);
  const without = Object.keys(readTree(dir)).filter((f) => f.startsWith('rendered/'));
  expect(without).toEqual(withTekton.filter((f) => !tektonFiles.includes(f)));
});
