import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execDependencyProvider } from '../../cli/providers/exec-provider';
import { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';
import { externalProviderDeclarations, profileDependencyProvider, resolvePluginDependencies } from '../../fn/plugins/deps';
import { parseDynamicPluginsConfig } from '../../fn/plugins/merge';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-provider-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes an executable KRM function (a Node script reading the ResourceList as JSON-compatible YAML). */
function fnScript(name: string, body: string): string {
  const file = path.join(dir, name);
  // The function reads the YAML ResourceList with the yaml package of this repository.
  const yamlPath = JSON.stringify(require.resolve('yaml'));
  fs.writeFileSync(
    file,
    `#!/usr/bin/env node
const YAML = require(${yamlPath});
const input = YAML.parse(require('fs').readFileSync(0, 'utf8'));
${body}
`,
    { mode: 0o755 },
  );
  return file;
}

const CR: KObject = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'bs', namespace: 'ns1' }, spec: { application: {} } };
const DP_CM: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'backstage-dynamic-plugins-bs', namespace: 'ns1' } };

describe('execDependencyProvider', () => {
  test('runs the function with the CR and {ref, plugin}; output items (minus the CR) are the objects, in order', () => {
    const exe = fnScript(
      'ok',
      `const cfg = input.functionConfig.data;
const cr = input.items[0];
process.stdout.write(YAML.stringify({
  apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList',
  items: [
    cr,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: cr.metadata.name + '-' + cfg.ref } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'req', annotations: { 'internal.config.kubernetes.io/path': 'x.yaml', 'keep': 'me' } },
      data: { ref: cfg.ref, plugin: cfg.plugin, name: cfg['backstage-name'], ns: cfg['backstage-namespace'], crKind: cr.kind, fcLocal: input.functionConfig.metadata.annotations['config.kubernetes.io/local-config'] } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'scratch', annotations: { 'config.kubernetes.io/local-config': 'true' } } },
  ],
  results: [{ message: 'made 2 objects', severity: 'info' }],
}));`,
    );
    const prov = execDependencyProvider({ refs: ['custom', 'other'], exec: { path: exe }, file: 'plugin-deps/custom.provider.yaml' });
    expect(prov.serves('custom')).toBe(true);
    expect(prov.serves('cust')).toBe(false);
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(parseDynamicPluginsConfig('plugins:\n  - package: my-plugin\n    dependencies: [{ref: custom}]\n'), CR, [prov], diag, { ref: DP_CM });
    expect(objs).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bs-custom', annotations: { 'backstage-render.dev/dependency-of': 'my-plugin#custom' } } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'req', annotations: { keep: 'me', 'backstage-render.dev/dependency-of': 'my-plugin#custom' }, namespace: 'ns1' },
        data: { ref: 'custom', plugin: 'my-plugin', name: 'bs', ns: 'ns1', crKind: 'Backstage', fcLocal: 'true' },
      },
    ]);
    expect(diag.results).toEqual([
      {
        severity: 'info',
        message: `dependency provider exec ${exe} (plugin-deps/custom.provider.yaml) for ref "custom" of plugin my-plugin: made 2 objects`,
        resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'backstage-dynamic-plugins-bs', namespace: 'ns1' },
        field: { path: 'plugins[0].dependencies[0].ref' },
      },
    ]);
  });

  test("the function's error results become errors; a non-zero exit is an error with stderr's tail", () => {
    const exe = fnScript(
      'fails',
      `process.stdout.write(YAML.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [], results: [{ message: 'unknown ref ' + input.functionConfig.data.ref, severity: 'error' }, { message: 'no severity means error' }] }));
process.stderr.write('boom\\n');
process.exit(1);`,
    );
    const diag = new Diagnostics();
    const objs = execDependencyProvider({ refs: ['x'], exec: { path: exe } }).objectsFor({ ref: 'x', plugin: 'p', backstage: { name: 'bs', namespace: 'ns1' }, where: { path: 'plugins[0].dependencies[0].ref' } }, diag);
    expect(objs).toEqual([]);
    expect(diag.results).toEqual([
      { severity: 'error', message: `dependency provider exec ${exe} for ref "x" of plugin p: unknown ref x`, field: { path: 'plugins[0].dependencies[0].ref' } },
      { severity: 'error', message: `dependency provider exec ${exe} for ref "x" of plugin p: no severity means error`, field: { path: 'plugins[0].dependencies[0].ref' } },
      { severity: 'error', message: `dependency provider exec ${exe} for ref "x" of plugin p: exited with code 1: boom`, field: { path: 'plugins[0].dependencies[0].ref' } },
    ]);
  });

  test('timeout, output bound, bad output, missing executable', () => {
    const req = { ref: 'x', plugin: 'p', backstage: { name: 'bs', namespace: 'ns1' } };
    const messages = (exe: string, opts = {}) => {
      const diag = new Diagnostics();
      expect(execDependencyProvider({ refs: ['x'], exec: { path: exe } }, opts).objectsFor(req, diag)).toEqual([]);
      return diag.results.map((r) => `${r.severity}: ${r.message.replace(`dependency provider exec ${exe} for ref "x" of plugin p: `, '')}`);
    };
    expect(messages(fnScript('slow', 'setTimeout(() => {}, 10000);'), { timeoutMs: 300 })).toEqual(['error: did not finish within 300 ms']);
    expect(messages(fnScript('big', "process.stdout.write('x'.repeat(200000));"), { maxOutputBytes: 1000 })).toEqual(['error: wrote more than 1000 bytes']);
    expect(messages(fnScript('notrl', "process.stdout.write('kind: Something\\n');"))).toEqual(['error: its output is not a ResourceList']);
    expect(messages(fnScript('badyaml', "process.stdout.write('a: [\\n');"))[0]).toMatch(/^error: its output is not YAML: /);
    expect(messages(fnScript('baditem', "process.stdout.write(YAML.stringify({apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{kind: 'X'}]}));"))).toEqual([
      'error: output items[0] is not a Kubernetes object (apiVersion, kind and metadata.name are required)',
    ]);
    expect(messages(path.join(dir, 'does-not-exist'))).toEqual(['error: the executable does not exist']);
  });

  test('a declaration without exec cannot run here', () => {
    expect(() => execDependencyProvider({ refs: ['x'], image: 'example.com/fn:1', file: 'plugin-deps/x.provider.yaml' })).toThrow(
      'plugin-deps/x.provider.yaml: only exec dependency providers can run here; give spec.exec.path',
    );
  });

  test('declared in a profile: the declared provider serves its ref before the profile files', () => {
    const exe = fnScript('decl', "process.stdout.write(YAML.stringify({apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'from-exec'}}]}));");
    const profile = {
      name: 'p',
      files: {
        'plugin-deps/sonataflow.provider.yaml': `apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [sonataflow]\n  exec:\n    path: ${exe}\n`,
        'plugin-deps/tekton.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\n',
      },
    };
    const providers = [...externalProviderDeclarations(profile).map((d) => execDependencyProvider(d)), profileDependencyProvider(profile)];
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(parseDynamicPluginsConfig('plugins:\n  - package: a\n    dependencies: [{ref: tekton}, {ref: sonataflow}]\n'), CR, providers, diag);
    expect(objs.map((o) => o.metadata.name)).toEqual(['from-file', 'from-exec']);
    expect(diag.results).toEqual([]);
  });
});
