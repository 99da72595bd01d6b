import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';
import type { DependencyProvider } from '../../fn/plugins/deps';
import {
  externalProviderDeclarations,
  isClusterScoped,
  profileDependencyProvider,
  resolvePluginDependencies,
  rewriteDependenciesForExternalDatabase,
} from '../../fn/plugins/deps';
import { parseDynamicPluginsConfig } from '../../fn/plugins/merge';
import type { Profile } from '../../fn/profile/profile';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_DATA, describeWithOperatorData, testWithOperatorData } from '../operator-data';

const CR: KObject = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'bs', namespace: 'ns1' } };
const DP_CM: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'backstage-dynamic-plugins-bs', namespace: 'ns1' } };

const cm = (name: string, extra: Record<string, unknown> = {}) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${Object.entries(extra).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`;

function profile(files: Record<string, string>): Profile {
  return { name: 'test', files };
}

const config = (text: string) => parseDynamicPluginsConfig(text);

describe('profileDependencyProvider: the operator rule', () => {
  test('every plugin-deps file whose name starts with the ref, in name order; other files and non-YAML ignored', () => {
    const p = profile({
      'plugin-deps/sonata.yaml': cm('sonata'),
      'plugin-deps/otherplugin.yaml': cm('test2'),
      'plugin-deps/sonata-config.yaml': cm('sonata-config'),
      'plugin-deps/sonata-notes.txt': 'not yaml',
      'default-config/deployment.yaml': cm('unrelated'),
    });
    const diag = new Diagnostics();
    const prov = profileDependencyProvider(p);
    expect(prov.serves('sonata')).toBe(true);
    expect(prov.serves('nothing')).toBe(false);
    expect(prov.objectsFor({ ref: 'sonata', plugin: 'x', backstage: { name: 'bs', namespace: 'ns1' } }, diag)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sonata-config' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sonata' } },
    ]);
    expect(diag.results).toEqual([]);
  });

  test('placeholders are replaced in the raw text before parsing (the text is not YAML before)', () => {
    const p = profile({ 'plugin-deps/file1.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{backstage-name}}\n  namespace: {{backstage-ns}}\n' });
    const diag = new Diagnostics();
    expect(profileDependencyProvider(p).objectsFor({ ref: 'file1', plugin: 'x', backstage: { name: 'test-name', namespace: 'test-namespace' } }, diag)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'test-name', namespace: 'test-namespace' } },
    ]);
  });

  test('a directory plugin-deps/<ref>/ adds its files, sorted, after the prefix-matched files', () => {
    const p = profile({
      'plugin-deps/tools/20-b.yaml': cm('b'),
      'plugin-deps/tools/10-a.yml': cm('a') + '---\n' + cm('a2'),
      'plugin-deps/tools.yaml': cm('top'),
      'plugin-deps/toolsmith/x.yaml': cm('not-mine'),
    });
    const objs = profileDependencyProvider(p).objectsFor({ ref: 'tools', plugin: 'x', backstage: { name: 'bs', namespace: 'ns1' } }, new Diagnostics());
    expect(objs.map((o) => o.metadata.name)).toEqual(['top', 'a', 'a2', 'b']);
  });

  test('bad YAML and non-objects in a file are errors naming the file', () => {
    const p = profile({ 'plugin-deps/bad.yaml': 'a: [\n', 'plugin-deps/bad-two.yaml': cm('ok') + '---\n- just\n- a list\n' });
    const diag = new Diagnostics();
    const prov = profileDependencyProvider(p);
    expect(prov.objectsFor({ ref: 'bad', plugin: 'x', backstage: { name: 'bs', namespace: 'ns1' } }, diag)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } }]);
    expect(diag.results.map((r) => [r.severity, r.file?.path])).toEqual([
      // name order, as Go's os.ReadDir: '-' sorts before '.'
      ['error', 'plugin-deps/bad-two.yaml'],
      ['error', 'plugin-deps/bad.yaml'],
    ]);
    expect(diag.results[0].message).toBe('plugin dependency file plugin-deps/bad-two.yaml, document 2: not a Kubernetes object (apiVersion, kind and metadata.name are required)');
  });
});

describe('resolvePluginDependencies', () => {
  const p = profile({
    'plugin-deps/dep1.yaml': cm('dep1'),
    'plugin-deps/dep2.yaml': cm('dep2'),
    'plugin-deps/argocd.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: argocd-app-project\n',
    'plugin-deps/shared.yaml': cm('shared'),
    'plugin-deps/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra-ns\n---\n' + cm('in-other-ns', { namespace: 'elsewhere' }),
  });
  const providers = [profileDependencyProvider(p)];

  test("the operator's case: refs of an enabled plugin; namespace defaulted; annotated", () => {
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(
      config("includes:\n  - dynamic-plugins.default.yaml\nplugins:\n  - package: './dynamic-plugins/dist/test'\n    disabled: false\n    dependencies:\n      - ref: dep1\n      - ref: dep2\n"),
      CR,
      providers,
      diag,
      { ref: DP_CM },
    );
    expect(objs).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep1', namespace: 'ns1', annotations: { 'backstage-render.dev/dependency-of': './dynamic-plugins/dist/test#dep1' } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep2', namespace: 'ns1', annotations: { 'backstage-render.dev/dependency-of': './dynamic-plugins/dist/test#dep2' } } },
    ]);
    expect(diag.results).toEqual([]);
  });

  test('disabled plugins (enabled wins over disabled) pull nothing; order is plugins then refs', () => {
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(
      config(`plugins:
  - package: a
    disabled: true
    dependencies: [{ref: dep1}]
  - package: b
    enabled: false
    dependencies: [{ref: dep1}]
  - package: c
    enabled: true
    disabled: true
    dependencies: [{ref: dep2}, {ref: argocd}]
  - package: d
    dependencies: [{ref: dep1}]
`),
      CR,
      providers,
      diag,
    );
    expect(objs.map((o) => `${o.metadata.name}@${o.metadata.annotations!['backstage-render.dev/dependency-of']}`)).toEqual(['dep2@c#dep2', 'argocd-app-project@c#argocd', 'dep1@d#dep1']);
    expect(diag.results).toEqual([]);
  });

  test('an object several plugins need is emitted once, first position, all owners sorted', () => {
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(
      config('plugins:\n  - package: zeta\n    dependencies: [{ref: shared}, {ref: dep1}]\n  - package: alpha\n    dependencies: [{ref: shared}]\n  - package: zeta\n    dependencies: [{ref: shared}]\n'),
      CR,
      providers,
      diag,
    );
    expect(objs).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'ns1', annotations: { 'backstage-render.dev/dependency-of': 'alpha#shared,zeta#shared' } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep1', namespace: 'ns1', annotations: { 'backstage-render.dev/dependency-of': 'zeta#dep1' } } },
    ]);
    expect(diag.results).toEqual([]);
  });

  test('cluster-scoped kinds get no namespace; a namespace written in the file stays', () => {
    const objs = resolvePluginDependencies(config('plugins:\n  - package: a\n    dependencies: [{ref: crd}]\n'), CR, providers, new Diagnostics());
    expect(objs.map((o) => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual([
      ['CustomResourceDefinition', 'things.example.com', undefined],
      ['Namespace', 'extra-ns', undefined],
      ['ConfigMap', 'in-other-ns', 'elsewhere'],
    ]);
    expect(isClusterScoped('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe(true);
    expect(isClusterScoped('config.openshift.io/v1', 'Ingress')).toBe(true);
    expect(isClusterScoped('v1', 'ConfigMap')).toBe(false);
    expect(isClusterScoped('sonataflow.org/v1alpha08', 'SonataFlowPlatform')).toBe(false);
  });

  test('a ref matching nothing is an error naming plugin, ref and field path', () => {
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(config('plugins:\n  - package: a\n  - package: b\n    dependencies: [{ref: dep1}, {ref: missing}]\n'), CR, providers, diag, { ref: DP_CM });
    expect(objs.map((o) => o.metadata.name)).toEqual(['dep1']);
    expect(diag.results).toEqual([
      {
        severity: 'error',
        message: 'plugin b: no plugin dependency matches ref "missing" (no file in plugin-deps/ starts with it and no provider declares it)',
        resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'backstage-dynamic-plugins-bs', namespace: 'ns1' },
        field: { path: 'plugins[1].dependencies[1].ref' },
      },
    ]);
  });

  test('a ref matching another name by prefix is a warning; <ref>-suffix files are the operator rule', () => {
    const diag = new Diagnostics();
    const q = profile({ 'plugin-deps/argocd.yaml': cm('argo-proj'), 'plugin-deps/sonata-config.yaml': cm('sc') });
    const objs = resolvePluginDependencies(config('plugins:\n  - package: a\n    dependencies: [{ref: argo}, {ref: sonata}]\n'), CR, [profileDependencyProvider(q)], diag);
    expect(objs.map((o) => o.metadata.name)).toEqual(['argo-proj', 'sc']);
    expect(diag.results).toEqual([
      {
        severity: 'warning',
        message:
          'plugin a: dependency ref "argo" also selects plugin-deps/argocd.yaml only because the file name starts with it (the operator\'s prefix rule); is that meant for another plugin?',
        resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: 'bs', namespace: 'ns1' },
        field: { path: 'plugins[0].dependencies[0].ref' },
      },
    ]);
  });

  test.each([['../default-config/deployment'], ['plugin-deps/dep1'], ['/etc/passwd'], ['..'], ['a\\b'], ['C:x']])('ref %j never leaves plugin-deps (error)', (ref) => {
    const diag = new Diagnostics();
    const q = profile({ 'plugin-deps/dep1.yaml': cm('dep1'), 'default-config/deployment.yaml': cm('deploy') });
    const objs = resolvePluginDependencies({ plugins: [{ package: 'a', dependencies: [{ ref }] }] }, CR, [profileDependencyProvider(q)], diag);
    expect(objs).toEqual([]);
    expect(diag.results.map((r) => [r.severity, r.field?.path])).toEqual([['error', 'plugins[0].dependencies[0].ref']]);
    expect(diag.results[0].message).toContain(`dependency ref "${ref}"`);
    expect(diag.results[0].message).toContain('may not leave it');
  });

  test('an empty ref is skipped with a warning (the operator skips it)', () => {
    const diag = new Diagnostics();
    expect(resolvePluginDependencies(config('plugins:\n  - package: a\n    dependencies: [{ref: ""}]\n'), CR, providers, diag)).toEqual([]);
    expect(diag.results.map((r) => r.severity)).toEqual(['warning']);
  });

  test('providers: the first that serves a ref answers; its objects keep their order and get the request', () => {
    const seen: unknown[] = [];
    const custom: DependencyProvider = {
      name: 'custom',
      serves: (ref) => ref === 'dep1',
      objectsFor(req) {
        seen.push({ ref: req.ref, plugin: req.plugin, backstage: req.backstage });
        return [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `${req.backstage.name}-extra` } },
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-custom' } },
        ];
      },
    };
    const objs = resolvePluginDependencies(config('plugins:\n  - package: a\n    dependencies: [{ref: dep1}, {ref: dep2}]\n'), CR, [custom, ...providers], new Diagnostics());
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/bs-extra', 'ConfigMap/from-custom', 'ConfigMap/dep2']);
    expect(seen).toEqual([{ ref: 'dep1', plugin: 'a', backstage: { name: 'bs', namespace: 'ns1' } }]);
  });

  test('the same object with different content from two refs: first kept, warning', () => {
    const diag = new Diagnostics();
    const q = profile({ 'plugin-deps/one.yaml': cm('same', { labels: '{a: "1"}' }), 'plugin-deps/two.yaml': cm('same', { labels: '{a: "2"}' }) });
    const objs = resolvePluginDependencies(config('plugins:\n  - package: a\n    dependencies: [{ref: one}, {ref: two}]\n'), CR, [profileDependencyProvider(q)], diag);
    expect(objs).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', labels: { a: '1' }, namespace: 'ns1', annotations: { 'backstage-render.dev/dependency-of': 'a#one,a#two' } } }]);
    expect(diag.results.map((r) => [r.severity, r.message])).toEqual([['warning', 'plugin dependency ConfigMap ns1/same is produced twice with different content (for a#two); the first one is kept']]);
  });

  test('provider objects are not modified', () => {
    const obj: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    const prov: DependencyProvider = { name: 'p', serves: () => true, objectsFor: () => [obj] };
    resolvePluginDependencies({ plugins: [{ package: 'a', dependencies: [{ ref: 'r' }] }] }, CR, [prov], new Diagnostics());
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
  });
});

describe('externalProviderDeclarations', () => {
  test('reads plugin-deps/*.provider.yaml; such files are not objects of the profile provider', () => {
    const p = profile({
      'plugin-deps/sonataflow.provider.yaml': 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [sonataflow, serverless]\n  exec:\n    path: ./providers/sonataflow.js\n',
      'plugin-deps/img.provider.yaml': 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [img]\n  image: example.com/fn:1\n',
      'plugin-deps/bad.provider.yaml': 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [../x]\n  exec: {path: x}\n',
      'plugin-deps/none.provider.yaml': 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [none]\n',
      'plugin-deps/sonataflow.yaml': cm('sf'),
      'plugin-deps/zz.provider.yaml': 'apiVersion: backstage-render.dev/v1alpha1\nkind: DependencyProvider\nspec:\n  refs: [serverless]\n  exec: {path: ./other.js}\n',
    });
    const diag = new Diagnostics();
    expect(externalProviderDeclarations(p, diag)).toEqual([
      { refs: ['img'], image: 'example.com/fn:1', file: 'plugin-deps/img.provider.yaml' },
      { refs: ['sonataflow', 'serverless'], exec: { path: './providers/sonataflow.js' }, file: 'plugin-deps/sonataflow.provider.yaml' },
      { refs: ['serverless'], exec: { path: './other.js' }, file: 'plugin-deps/zz.provider.yaml' },
    ]);
    expect(diag.results.map((r) => [r.severity, r.file?.path, r.field?.path])).toEqual([
      ['error', 'plugin-deps/bad.provider.yaml', 'spec.refs'],
      ['error', 'plugin-deps/none.provider.yaml', 'spec'],
      ['warning', 'plugin-deps/zz.provider.yaml', 'spec.refs'],
    ]);
    expect(diag.results[2].message).toBe('provider declaration plugin-deps/zz.provider.yaml: ref "serverless" is also declared by plugin-deps/sonataflow.provider.yaml, which is asked first');
    const objs = profileDependencyProvider(p).objectsFor({ ref: 'sonataflow', plugin: 'x', backstage: { name: 'bs', namespace: 'ns1' } }, new Diagnostics());
    expect(objs.map((o) => o.metadata.name)).toEqual(['sf']);
    expect(profileDependencyProvider(p).serves('img')).toBe(false);
  });
});

describe('rewriteDependenciesForExternalDatabase', () => {
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'create-sonataflow-database-bs', namespace: 'ns1' },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'psql',
              envFrom: [{ secretRef: { name: 'backstage-psql-secret-bs' } }],
              env: [
                { name: 'PW', valueFrom: { secretKeyRef: { name: 'backstage-psql-secret-bs', key: 'POSTGRES_PASSWORD' } } },
                { name: 'URL', value: 'postgres://backstage-psql-bs.ns1.svc:5432/db' },
              ],
            },
          ],
        },
      },
    },
  };
  const sfp: KObject = {
    apiVersion: 'sonataflow.org/v1alpha08',
    kind: 'SonataFlowPlatform',
    metadata: { name: 'sonataflow-platform', namespace: 'ns1' },
    spec: {
      services: {
        dataIndex: {
          persistence: {
            postgresql: {
              secretRef: { name: 'backstage-psql-secret-bs', userKey: 'POSTGRES_USER', passwordKey: 'POSTGRES_PASSWORD' },
              serviceRef: { name: 'backstage-psql-bs', namespace: 'ns1', databaseName: 'backstage_plugin_orchestrator' },
            },
          },
        },
      },
    },
  };
  const opts = { localDbSecretName: 'backstage-psql-secret-bs', userSecretName: 'my-db', localDbServiceName: 'backstage-psql-bs' };

  test('with the external host known: secrets, serviceRef and host strings rewritten, each an info', () => {
    const diag = new Diagnostics();
    const out = rewriteDependenciesForExternalDatabase([job, sfp], { ...opts, external: { host: 'db.example.com', port: '5433' } }, diag);
    expect(out).toEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'create-sonataflow-database-bs', namespace: 'ns1' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'psql',
                  envFrom: [{ secretRef: { name: 'my-db' } }],
                  env: [
                    { name: 'PW', valueFrom: { secretKeyRef: { name: 'my-db', key: 'POSTGRES_PASSWORD' } } },
                    { name: 'URL', value: 'postgres://db.example.com:5432/db' },
                  ],
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'sonataflow.org/v1alpha08',
        kind: 'SonataFlowPlatform',
        metadata: { name: 'sonataflow-platform', namespace: 'ns1' },
        spec: {
          services: {
            dataIndex: {
              persistence: {
                postgresql: {
                  secretRef: { name: 'my-db', userKey: 'POSTGRES_USER', passwordKey: 'POSTGRES_PASSWORD' },
                  jdbcUrl: 'jdbc:postgresql://db.example.com:5433/backstage_plugin_orchestrator',
                },
              },
            },
          },
        },
      },
    ]);
    expect(diag.results.map((r) => [r.severity, r.resourceRef?.kind, r.field?.path])).toEqual([
      ['info', 'Job', 'spec.template.spec.containers[0].envFrom[0].secretRef.name'],
      ['info', 'Job', 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name'],
      ['info', 'Job', 'spec.template.spec.containers[0].env[1].value'],
      ['info', 'SonataFlowPlatform', 'spec.services.dataIndex.persistence.postgresql.secretRef.name'],
      ['info', 'SonataFlowPlatform', 'spec.services.dataIndex.persistence.postgresql.serviceRef'],
    ]);
    expect(diag.results[0].message).toBe(
      "Job ns1/create-sonataflow-database-bs: spec.template.spec.containers[0].envFrom[0].secretRef.name named the local database Secret backstage-psql-secret-bs, which is not created with the local database disabled; now names spec.database.authSecretName my-db: it must hold POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD (the keys of the local database Secret, as the operator's docs/external-db.md lists them; the orchestrator's SonataFlowPlatform reads POSTGRES_USER/POSTGRES_PASSWORD, its database Job all four)",
    );
    for (const r of diag.results) expect(r.message).not.toContain('db.example.com');
  });

  test('without the host: secrets rewritten, local Service references warned about and kept', () => {
    const diag = new Diagnostics();
    const [j, s] = rewriteDependenciesForExternalDatabase([job, sfp], opts, diag);
    expect((s.spec as any).services.dataIndex.persistence.postgresql).toEqual({
      secretRef: { name: 'my-db', userKey: 'POSTGRES_USER', passwordKey: 'POSTGRES_PASSWORD' },
      serviceRef: { name: 'backstage-psql-bs', namespace: 'ns1', databaseName: 'backstage_plugin_orchestrator' },
    });
    expect((j.spec as any).template.spec.containers[0].env[1].value).toBe('postgres://backstage-psql-bs.ns1.svc:5432/db');
    expect(diag.results.map((r) => [r.severity, r.field?.path])).toEqual([
      ['info', 'spec.template.spec.containers[0].envFrom[0].secretRef.name'],
      ['info', 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name'],
      ['warning', 'spec.template.spec.containers[0].env[1].value'],
      ['info', 'spec.services.dataIndex.persistence.postgresql.secretRef.name'],
      ['warning', 'spec.services.dataIndex.persistence.postgresql.serviceRef'],
    ]);
  });

  test('metadata and unrelated names are left alone; similar names are not touched', () => {
    const diag = new Diagnostics();
    const o: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'backstage-psql-secret-bs' }, data: { a: 'backstage-psql-secret-bs2', b: 'backstage-psql-bsx', c: 'my-backstage-psql-bs' } };
    expect(rewriteDependenciesForExternalDatabase([o], { ...opts, external: { host: 'h' } }, diag)).toEqual([o]);
    expect(diag.results).toEqual([]);
  });
});

// The release-1.10 rhdh profile's plugin-deps, read from the operator's data files when present.
const REL110 = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'config', 'profile', 'rhdh');

describeWithOperatorData('release-1.10 rhdh profile plugin-deps', () => {
  let prof: Profile;
  beforeAll(() => {
    prof = loadProfileDir(REL110, 'rhdh-1.10');
  });
  const cr: KObject = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'my-rhdh', namespace: 'rhdh' } };
  const cfg = config(`plugins:
  - package: 'oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin-orchestrator-backend:{{inherit}}'
    disabled: false
    dependencies:
      - ref: sonataflow
  - package: '@backstage-community/plugin-tekton'
    disabled: false
    dependencies:
      - ref: tekton
  - package: '@roadiehq/backstage-plugin-argo-cd-backend'
    enabled: true
    disabled: true
    dependencies:
      - ref: argocd
`);
  const ORCH = 'oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin-orchestrator-backend:{{inherit}}#sonataflow';

  test('sonataflow, tekton and argocd objects, in plugin order, namespaced and annotated', () => {
    const diag = new Diagnostics();
    const objs = resolvePluginDependencies(cfg, cr, [profileDependencyProvider(prof)], diag);
    expect(diag.results).toEqual([]);
    expect(objs.map((o) => [o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name])).toEqual([
      ['networking.k8s.io/v1', 'NetworkPolicy', 'rhdh', 'allow-infra-ns-to-workflow-ns'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'rhdh', 'allow-external-communication'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'rhdh', 'allow-intra-network'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'rhdh', 'allow-monitoring-to-sonataflow-and-workflows'],
      ['batch/v1', 'Job', 'rhdh', 'create-sonataflow-database-my-rhdh'],
      ['sonataflow.org/v1alpha08', 'SonataFlowPlatform', 'rhdh', 'sonataflow-platform'],
      ['tekton.dev/v1', 'Task', 'rhdh', 'git-cli'],
      ['tekton.dev/v1', 'Task', 'rhdh', 'flattener'],
      ['tekton.dev/v1', 'Task', 'rhdh', 'build-manifests'],
      ['tekton.dev/v1', 'Task', 'rhdh', 'build-gitops'],
      ['tekton.dev/v1', 'Pipeline', 'rhdh', 'workflow-deployment'],
      ['argoproj.io/v1alpha1', 'AppProject', 'rhdh', 'argocd-app-project'],
    ]);
    // Whole objects: the file's objects with the placeholders replaced, the namespace and the annotation.
    const expected = (file: string, owner: string) =>
      (parseYamlDocuments(fs.readFileSync(path.join(REL110, 'plugin-deps', file), 'utf8').split('{{backstage-name}}').join('my-rhdh').split('{{backstage-ns}}').join('rhdh')) as KObject[]).map(
        (o) => ({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'rhdh', annotations: { ...(o.metadata.annotations ?? {}), 'backstage-render.dev/dependency-of': owner } } }),
      );
    expect(objs).toEqual([
      ...expected('sonataflow.yaml', ORCH),
      ...expected('tekton.yaml', '@backstage-community/plugin-tekton#tekton'),
      ...expected('argocd.yaml', '@roadiehq/backstage-plugin-argo-cd-backend#argocd'),
    ]);
    const sfp = objs.find((o) => o.kind === 'SonataFlowPlatform')!;
    expect(sfp).toEqual({
      apiVersion: 'sonataflow.org/v1alpha08',
      kind: 'SonataFlowPlatform',
      metadata: { name: 'sonataflow-platform', namespace: 'rhdh', annotations: { 'backstage-render.dev/dependency-of': ORCH } },
      spec: {
        monitoring: { enabled: true },
        services: {
          dataIndex: {
            enabled: true,
            persistence: {
              postgresql: {
                secretRef: { name: 'backstage-psql-secret-my-rhdh', userKey: 'POSTGRES_USER', passwordKey: 'POSTGRES_PASSWORD' },
                serviceRef: { name: 'backstage-psql-my-rhdh', namespace: 'rhdh', databaseName: 'backstage_plugin_orchestrator' },
              },
            },
          },
          jobService: {
            enabled: true,
            persistence: {
              postgresql: {
                secretRef: { name: 'backstage-psql-secret-my-rhdh', userKey: 'POSTGRES_USER', passwordKey: 'POSTGRES_PASSWORD' },
                serviceRef: { name: 'backstage-psql-my-rhdh', namespace: 'rhdh', databaseName: 'backstage_plugin_orchestrator' },
              },
            },
          },
        },
      },
    });
  });

  test('external database: the sonataflow Job and platform point at the user secret', () => {
    const diag = new Diagnostics();
    const sonata = resolvePluginDependencies(config('plugins:\n  - package: orch\n    dependencies: [{ref: sonataflow}]\n'), cr, [profileDependencyProvider(prof)], diag);
    const out = rewriteDependenciesForExternalDatabase(sonata, { localDbSecretName: 'backstage-psql-secret-my-rhdh', userSecretName: 'ext-db', localDbServiceName: 'backstage-psql-my-rhdh' }, diag);
    expect(JSON.stringify(out)).not.toContain('backstage-psql-secret-my-rhdh');
    const job = out.find((o) => o.kind === 'Job') as any;
    expect(job.spec.template.spec.containers[0].envFrom).toEqual([{ secretRef: { name: 'ext-db' } }]);
    expect(diag.results.map((r) => [r.severity, r.resourceRef?.kind, r.field?.path])).toEqual([
      ['info', 'Job', 'spec.template.spec.containers[0].envFrom[0].secretRef.name'],
      ['info', 'SonataFlowPlatform', 'spec.services.dataIndex.persistence.postgresql.secretRef.name'],
      ['warning', 'SonataFlowPlatform', 'spec.services.dataIndex.persistence.postgresql.serviceRef'],
      ['info', 'SonataFlowPlatform', 'spec.services.jobService.persistence.postgresql.secretRef.name'],
      ['warning', 'SonataFlowPlatform', 'spec.services.jobService.persistence.postgresql.serviceRef'],
    ]);
  });
});

const EMBEDDED = path.resolve(__dirname, '../../profiles/1.10/rhdh');
testWithOperatorData('the embedded rhdh profile gives the same dependency objects as the operator release-1.10 profile', () => {
  const cfg = config('plugins:\n  - package: o\n    dependencies: [{ref: sonataflow}, {ref: tekton}, {ref: argocd}]\n');
  const cr: KObject = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'x1', namespace: 'team-a' } };
  const d1 = new Diagnostics();
  const d2 = new Diagnostics();
  const ours = resolvePluginDependencies(cfg, cr, [profileDependencyProvider(loadProfileDir(EMBEDDED, 'rhdh'))], d1);
  const theirs = resolvePluginDependencies(cfg, cr, [profileDependencyProvider(loadProfileDir(REL110, 'rhdh-1.10'))], d2);
  expect(d1.results).toEqual([]);
  expect(ours).toEqual(theirs);
  expect(ours).toHaveLength(12);
});
