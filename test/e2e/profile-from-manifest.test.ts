// `backstage-render profile-from-manifest`: the operator's install manifest becomes a profile
// directory that `--profile DIR` renders with.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments } from '../../fn/yaml';
import { BIN, OPERATOR_DATA, describeWithShared, readTree, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'e2e-seed-0123456789abcdef' };
const CR = 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: hub\n  namespace: ns\n';

describe('profile-from-manifest', () => {
  test('writes the ConfigMaps of a manifest as profile files; refuses a non-empty directory', () => {
    const dir = tmpDir('pfm');
    const manifest = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: acme-default-config, namespace: acme-operator}',
      'data:',
      '  service.yaml: |',
      '    apiVersion: v1',
      '    kind: Service',
      '    spec: {ports: [{name: http, port: 80}]}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: acme-flavour-extra-config, namespace: acme-operator}',
      'data:',
      '  metadata.yaml: "enabledByDefault: true\\n"',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: acme-plugin-deps, namespace: acme-operator}',
      'data:',
      '  thing.yaml: "apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: thing-{{backstage-name}}}\\n"',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'install.yaml'), manifest);
    const r = run(BIN, ['profile-from-manifest', 'install.yaml', '-o', 'profile'], { cwd: dir });
    expect(r).toEqual({
      status: 0,
      stdout: '',
      stderr: "wrote 3 profile files to profile\nno operator version: the manifest's manager image has no tag of a known line; renders as the operatorVersion option says (default 1.10)\n",
    });
    expect(readTree(path.join(dir, 'profile'))).toEqual({
      'default-config/flavours/extra/metadata.yaml': 'enabledByDefault: true\n',
      'default-config/service.yaml': 'apiVersion: v1\nkind: Service\nspec: {ports: [{name: http, port: 80}]}\n',
      'plugin-deps/thing.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: thing-{{backstage-name}}}\n',
    });
    const again = run(BIN, ['profile-from-manifest', 'install.yaml', '-o', 'profile'], { cwd: dir });
    expect(again).toEqual({ status: 1, stdout: '', stderr: 'error: profile exists and is not empty; give a new directory\n' });
    const missing = run(BIN, ['profile-from-manifest', 'nope.yaml', '-o', 'p2'], { cwd: dir });
    expect(missing).toEqual({ status: 1, stdout: '', stderr: 'error: nope.yaml: no such file\n' });
  });
});

describeWithShared("profile-from-manifest on the operator's install manifests", () => {
  test.each([
    ['rhdh-operator-release-1.10', 'rhdh'],
    ['rhdh-operator-release-1.10', 'backstage.io'],
    ['rhdh-operator-1.9.8', 'rhdh'],
    ['rhdh-operator-c0cb1c9', 'rhdh'],
  ])('%s %s: the files of the profile directory, byte for byte; it renders', (release, name) => {
    const dir = tmpDir('pfm-op');
    const manifest = path.join(OPERATOR_DATA, release, 'dist', name, 'install.yaml');
    const r = run(BIN, ['profile-from-manifest', manifest, '-o', path.join(dir, 'profile')]);
    expect(r.status).toBe(0);
    const written = readTree(path.join(dir, 'profile'));
    const opDir = path.join(OPERATOR_DATA, release, 'config', 'profile', name);
    // The operator line of the manager image, recorded beside the operator's files.
    const line = ({ 'rhdh-operator-1.9.8': '1.9', 'rhdh-operator-release-1.10': '1.10', 'rhdh-operator-c0cb1c9': 'main' } as Record<string, string>)[release];
    expect(parseYamlDocuments(written['backstage-render-profile.yaml'])).toEqual([{ operatorVersion: line }]);
    expect(r.stderr).toMatch(new RegExp(`^operator version ${line.replace('.', '\\.')} \\(from the manager image quay\\.io/`, 'm'));
    delete written['backstage-render-profile.yaml'];
    for (const [rel, text] of Object.entries(written)) expect([rel, text]).toEqual([rel, fs.readFileSync(path.join(opDir, rel), 'utf8')]);
    expect(Object.keys(written)).toContain('default-config/deployment.yaml');

    fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
    const out = run(BIN, ['render', path.join(dir, 'cr.yaml'), '--profile', path.join(dir, 'profile'), '--platform', 'kubernetes'], { env: SEED });
    expect(out.stderr).not.toMatch(/^error:/m);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('kind: Deployment');
  });

  test.each([
    ['rhdh-operator-1.9.8', '1.9'],
    ['rhdh-operator-release-1.10', '1.10'],
    ['rhdh-operator-c0cb1c9', 'main'],
  ])('%s rhdh: the written profile renders as its line (%s), as the embedded profile of that line does', (release, line) => {
    const dir = tmpDir('pfm-eq');
    const manifest = path.join(OPERATOR_DATA, release, 'dist', 'rhdh', 'install.yaml');
    expect(run(BIN, ['profile-from-manifest', manifest, '-o', path.join(dir, 'profile')]).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'cr.yaml'), CR);
    const args = ['render', path.join(dir, 'cr.yaml'), '--platform', 'kubernetes'];
    const fromDir = run(BIN, [...args, '--profile', path.join(dir, 'profile')], { env: SEED });
    const embedded = run(BIN, [...args, '--operator-version', line], { env: SEED });
    expect(fromDir.status).toBe(0);
    expect(embedded.status).toBe(0);
    // Our embedded files carry the same facts in our own words: YAML held in data compares as values.
    const comparable = (text: string) =>
      parseYamlDocuments(text).map((o) => {
        const out = JSON.parse(JSON.stringify(o));
        for (const field of ['data', 'stringData']) {
          for (const [k, v] of Object.entries((out[field] ?? {}) as Record<string, string>)) if (/\.ya?ml$/.test(k)) out[field][k] = parseYamlDocuments(v);
        }
        return out;
      });
    expect(comparable(fromDir.stdout)).toEqual(comparable(embedded.stdout));
    // The option wins over the recorded line, and says so.
    const other = line === '1.10' ? 'main' : '1.10';
    const overridden = run(BIN, [...args, '--profile', path.join(dir, 'profile'), '--operator-version', other], { env: SEED });
    expect(overridden.status).toBe(0);
    expect(overridden.stderr).toContain(`info: rendering as operator ${other} (operatorVersion), with profile ${path.join(dir, 'profile')} of operator ${line}`);
  });
});
