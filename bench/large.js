'use strict';
// Large single inputs for the benchmark and the bounded-work tests: one shape each, deterministic,
// written as ResourceList YAML text directly (fast, no YAML library needed).
//   envPatch(n)        one CR whose spec.deployment.patch adds n env entries to the backend container
//   volumesPatch(n)    one CR whose patch adds n emptyDir volumes
//   portsPatch(n)      one CR whose patch adds n ports to the backend container (merged by two keys,
//                      containerPort + protocol; every other one without protocol)
//   minimalFleet(n)    n minimal CRs (spec: {}), each in its own namespace
//   bigDynamicPlugins(bytes)  one CR with a dynamic plugins ConfigMap of about that many bytes

const HEADER = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n';
const FUNCTION_CONFIG = 'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: function-input\n  data:\n    ingressDomain: apps.example.com\n';

function crHead(name, ns) {
  return `- apiVersion: rhdh.redhat.com/v1alpha5\n  kind: Backstage\n  metadata:\n    name: ${name}\n    namespace: ${ns}\n`;
}

function patchCr(listField, entry, n) {
  const lines = [crHead('developer-hub', 'team-large'), '  spec:\n    deployment:\n      patch:\n        spec:\n          template:\n            spec:\n'];
  if (listField === 'env' || listField === 'ports') {
    lines.push(`              containers:\n              - name: backstage-backend\n                ${listField}:\n`);
    for (let i = 0; i < n; i++) lines.push(entry(i, '                '));
  } else {
    lines.push('              volumes:\n');
    for (let i = 0; i < n; i++) lines.push(entry(i, '              '));
  }
  return HEADER + lines.join('') + FUNCTION_CONFIG;
}

const envPatch = (n) => patchCr('env', (i, ind) => `${ind}- name: VAR_${i}\n${ind}  value: "value-${i}"\n`, n);
const volumesPatch = (n) => patchCr('volumes', (i, ind) => `${ind}- name: vol-${i}\n${ind}  emptyDir: {}\n`, n);
const portsPatch = (n) => patchCr('ports', (i, ind) => `${ind}- containerPort: ${10000 + i}\n${i % 2 === 0 ? `${ind}  protocol: TCP\n` : ''}${ind}  name: p${i}\n`, n);

function minimalFleet(n) {
  const parts = [HEADER];
  for (let i = 0; i < n; i++) parts.push(`${crHead('developer-hub', `team-${String(i).padStart(6, '0')}`)}  spec: {}\n`);
  parts.push(FUNCTION_CONFIG);
  return parts.join('');
}

/**
 * One CR with a dynamic plugins ConfigMap of about `bytes` bytes: disabled plugins with about 8 KB
 * of config each (text, so that the YAML node count stays within the reader's limit).
 */
function bigDynamicPlugins(bytes) {
  const head = `${crHead('developer-hub', 'team-large')}  spec:\n    application:\n      dynamicPluginsConfigMapName: dynamic-plugins\n`;
  const cm = ['- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: dynamic-plugins\n    namespace: team-large\n  data:\n    dynamic-plugins.yaml: |\n      includes:\n        - dynamic-plugins.default.yaml\n      plugins:\n'];
  let size = head.length + cm[0].length;
  for (let i = 0; size < bytes; i++) {
    const p = `        - package: ./dynamic-plugins/dist/example-plugin-${i}\n          disabled: true\n          pluginConfig:\n            example${i}:\n              title: "Example plugin number ${i}"\n              description: "${'A long description of the plugin. '.repeat(240)}"\n`;
    cm.push(p);
    size += p.length;
  }
  return HEADER + head + cm.join('') + FUNCTION_CONFIG;
}

module.exports = { envPatch, volumesPatch, portsPatch, minimalFleet, bigDynamicPlugins };

if (require.main === module) {
  const [what, arg] = process.argv.slice(2);
  const fns = { env: envPatch, volumes: volumesPatch, ports: portsPatch, minimal: minimalFleet, 'dynamic-plugins': bigDynamicPlugins };
  if (!fns[what]) throw new Error(`usage: node bench/large.js env|volumes|ports|minimal|dynamic-plugins N`);
  process.stdout.write(fns[what](Number(arg)));
}
