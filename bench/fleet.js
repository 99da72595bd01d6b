'use strict';
// Generates a fleet of Backstage CRs as one KRM ResourceList: each CR in its own namespace with the
// objects it refers to, in a fixed mix of the shapes teams run (see CASES). Deterministic.

const CASES = [
  'app-config', // app-config, extra files and extra envs from ConfigMaps and Secrets
  'orchestrator-configmap', // dynamic plugins ConfigMap: orchestrator plugins, dependency ref sonataflow
  'tekton-argocd', // tekton enabled (dependency ref tekton), argocd disabled
  'orchestrator-flavour', // spec.flavours: orchestrator
  'argocd', // argocd enabled (dependency ref argocd)
  'app-config',
  'patched', // spec.deployment.patch (replicas, labels, env, resources), route host
  'app-config',
  'orchestrator-configmap',
  'minimal',
];

function pad(i) {
  return String(i).padStart(4, '0');
}

function cm(name, ns, data, extra = {}) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, ...extra }, data };
}

function secret(name, ns, data) {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, type: 'Opaque', data };
}

const b64 = (s) => Buffer.from(s).toString('base64');

function pluginsConfigMap(ns, plugins) {
  const lines = ['includes:', '  - dynamic-plugins.default.yaml', 'plugins:'];
  for (const p of plugins) {
    lines.push(`  - package: "${p.package}"`, `    disabled: ${p.disabled ? 'true' : 'false'}`);
    if (p.ref) lines.push('    dependencies:', `      - ref: ${p.ref}`);
    if (p.config) lines.push('    pluginConfig:', ...p.config.map((l) => `      ${l}`));
  }
  return cm('dynamic-plugins', ns, { 'dynamic-plugins.yaml': `${lines.join('\n')}\n` });
}

const ORCHESTRATOR = 'oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin-orchestrator';

/** The objects of CR number i: the CR first. */
function crObjects(i) {
  const ns = `team-${pad(i)}`;
  const name = i % 2 === 0 ? 'developer-hub' : `portal-${pad(i)}`;
  const kind = CASES[i % CASES.length];
  const cr = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name, namespace: ns }, spec: {} };
  const out = [cr];
  switch (kind) {
    case 'app-config':
      cr.spec = {
        application: {
          appConfig: { mountPath: '/opt/app-root/src', configMaps: [{ name: 'app-config-main' }, { name: 'app-config-extra', key: 'extra.yaml' }] },
          extraFiles: {
            mountPath: '/opt/app-root/src/files',
            configMaps: [{ name: 'catalog-files' }, { name: 'single-file', key: 'one.txt', mountPath: '/etc/single' }],
            secrets: [{ name: 'tls-files', key: 'tls.crt' }],
          },
          extraEnvs: {
            envs: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'TEAM', value: ns }],
            configMaps: [{ name: 'env-config' }],
            secrets: [{ name: 'env-secrets', key: 'GITHUB_TOKEN' }],
          },
        },
      };
      out.push(
        cm('app-config-main', ns, {
          'app-config.yaml': [
            'app:',
            `  title: Portal of ${ns}`,
            `  baseUrl: https://${name}.${ns}.apps.example.com`,
            'backend:',
            '  auth:',
            '    externalAccess:',
            '      - type: static',
            '        options:',
            '          token: ${STATIC_TOKEN}',
            '          subject: ci',
            'catalog:',
            '  locations:',
            ...Array.from({ length: 8 }, (_, j) => `    - type: url\n      target: https://github.com/example/${ns}/blob/main/catalog-${j}.yaml`),
            '',
          ].join('\n'),
        }),
        cm('app-config-extra', ns, { 'extra.yaml': 'catalog:\n  rules:\n    - allow: [Component, API, System, Group, User]\n', 'ignored.yaml': 'x: 1\n' }),
        cm('catalog-files', ns, {
          'users.yaml': `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: alice-${i}\nspec:\n  memberOf: [team-${i}]\n`,
          'groups.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${i}\nspec:\n  type: team\n  children: []\n`,
        }),
        cm('single-file', ns, { 'one.txt': 'hello', 'two.txt': 'world' }),
        secret('tls-files', ns, { 'tls.crt': b64(`cert-${i}`), 'tls.key': b64(`key-${i}`) }),
        cm('env-config', ns, { FEATURE_X: 'on', FEATURE_Y: 'off', REPLICAS: '3', MODE: '0644' }),
        secret('env-secrets', ns, { GITHUB_TOKEN: b64(`ghp_${i}`), OTHER: b64('x') }),
      );
      break;
    case 'orchestrator-configmap':
      cr.spec = { flavours: [], application: { dynamicPluginsConfigMapName: 'dynamic-plugins' } };
      out.push(
        pluginsConfigMap(ns, [
          { package: `${ORCHESTRATOR}:bs_1.45.3__1.10.0!red-hat-developer-hub-backstage-plugin-orchestrator`, disabled: false },
          { package: `${ORCHESTRATOR}-backend:bs_1.45.3__1.10.0!red-hat-developer-hub-backstage-plugin-orchestrator-backend`, disabled: false, ref: 'sonataflow' },
        ]),
      );
      break;
    case 'tekton-argocd':
      cr.spec = { flavours: [], application: { dynamicPluginsConfigMapName: 'dynamic-plugins' } };
      out.push(
        pluginsConfigMap(ns, [
          { package: './dynamic-plugins/dist/backstage-community-plugin-tekton', disabled: false, ref: 'tekton', config: ['dynamicPlugins:', '  frontend:', '    backstage-community.plugin-tekton: {}'] },
          { package: './dynamic-plugins/dist/roadiehq-backstage-plugin-argo-cd-backend-dynamic', disabled: true, ref: 'argocd' },
        ]),
      );
      break;
    case 'argocd':
      cr.spec = { flavours: [], application: { dynamicPluginsConfigMapName: 'dynamic-plugins' } };
      out.push(pluginsConfigMap(ns, [{ package: './dynamic-plugins/dist/roadiehq-backstage-plugin-argo-cd-backend-dynamic', disabled: false, ref: 'argocd' }]));
      break;
    case 'orchestrator-flavour':
      cr.spec = { flavours: [{ name: 'orchestrator', enabled: true }] };
      break;
    case 'patched':
      cr.spec = {
        application: { route: { host: `${name}.${ns}.apps.example.com` } },
        deployment: {
          patch: {
            spec: {
              replicas: 2,
              template: {
                metadata: { labels: { team: ns } },
                spec: { containers: [{ name: 'backstage-backend', env: [{ name: 'EXTRA', value: '1' }], resources: { limits: { memory: '3Gi' } } }] },
              },
            },
          },
        },
      };
      break;
    default:
      break;
  }
  return out;
}

/** A ResourceList with n CRs and what they refer to. */
function fleet(n) {
  const items = [];
  for (let i = 0; i < n; i++) items.push(...crObjects(i));
  // The options as `kpt fn eval -- ingressDomain=...` sends them.
  const functionConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' }, data: { ingressDomain: 'apps.example.com' } };
  return { apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig };
}

module.exports = { fleet, crObjects, CASES };
