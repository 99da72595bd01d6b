#!/usr/bin/env node
// Writes schemas/k8s/kubernetes-strict.schema.json: strict JSON Schemas (draft-07, unknown fields
// rejected, like kubeconform -strict) for the built-in kinds backstage-render emits or validates.
//
// Source of the facts: the Kubernetes API models of the official Kubernetes Python client
// (github.com/kubernetes-client/python, generated from the Kubernetes OpenAPI spec of the release
// named in scripts/constants.py, Apache-2.0). Each model gives its JSON field names
// (attribute_map), their types (openapi_types) and which fields are required (annotations without
// Optional[...] and without a default). Descriptions are left out. No npm package ships current
// (1.30+) Kubernetes schemas inside the package, so we generate them once and commit the result.
//
// Usage: node schemas/k8s/generate.mjs <git dir of kubernetes-client/python> [commit]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gitDir = process.argv[2];
const commit = process.argv[3] ?? 'HEAD';
if (!gitDir) {
  console.error('usage: generate.mjs <git dir of kubernetes-client/python> [commit]');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const sha = git('rev-parse', commit).trim();
const constants = git('show', `${sha}:scripts/constants.py`);
const branch = /KUBERNETES_BRANCH = "([^"]+)"/.exec(constants)[1];

/** The built-in kinds covered: apiVersion, kind, Python model class. */
export const KINDS = [
  ['v1', 'ConfigMap', 'V1ConfigMap'],
  ['v1', 'Secret', 'V1Secret'],
  ['v1', 'Service', 'V1Service'],
  ['v1', 'ServiceAccount', 'V1ServiceAccount'],
  ['v1', 'PersistentVolumeClaim', 'V1PersistentVolumeClaim'],
  ['v1', 'PersistentVolume', 'V1PersistentVolume'],
  ['v1', 'Pod', 'V1Pod'],
  ['v1', 'Namespace', 'V1Namespace'],
  ['v1', 'LimitRange', 'V1LimitRange'],
  ['v1', 'ResourceQuota', 'V1ResourceQuota'],
  ['apps/v1', 'Deployment', 'V1Deployment'],
  ['apps/v1', 'StatefulSet', 'V1StatefulSet'],
  ['apps/v1', 'DaemonSet', 'V1DaemonSet'],
  ['apps/v1', 'ReplicaSet', 'V1ReplicaSet'],
  ['batch/v1', 'Job', 'V1Job'],
  ['batch/v1', 'CronJob', 'V1CronJob'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'V1NetworkPolicy'],
  ['networking.k8s.io/v1', 'Ingress', 'V1Ingress'],
  ['networking.k8s.io/v1', 'IngressClass', 'V1IngressClass'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'V1Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'V1RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'V1ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'V1ClusterRoleBinding'],
  ['policy/v1', 'PodDisruptionBudget', 'V1PodDisruptionBudget'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', 'V1HorizontalPodAutoscaler'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'V2HorizontalPodAutoscaler'],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'V1PriorityClass'],
  ['storage.k8s.io/v1', 'StorageClass', 'V1StorageClass'],
];

const snake = (cls) => cls.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();

const fileIndex = new Map();
for (const line of git('ls-tree', '--name-only', `${sha}`, 'kubernetes/client/models/').split('\n')) {
  if (!line.endsWith('.py')) continue;
  fileIndex.set(line.slice('kubernetes/client/models/'.length, -3), line);
}

function readBlock(text, header) {
  const i = text.indexOf(header);
  if (i < 0) return {};
  const end = text.indexOf('}', i);
  const out = {};
  for (const m of text.slice(i, end).matchAll(/^\s+"([^"]+)": "([^"]+)"/gm)) out[m[1]] = m[2];
  return out;
}

function readModel(cls) {
  const text = readModelText(cls);
  const types = readBlock(text, 'openapi_types: ClassVar');
  const names = readBlock(text, 'attribute_map: ClassVar');
  const annotations = {};
  for (const m of text.matchAll(/^    ([a-z_0-9]+): (.+)$/gm)) {
    if (!(m[1] in types) || m[1] in annotations) continue;
    annotations[m[1]] = m[2];
  }
  return { types, names, annotations };
}

function readModelText(cls) {
  // File names are snake_case class names; find by scanning the class line when the guess misses.
  const guess = fileIndex.get(snake(cls));
  if (guess) {
    const text = git('show', `${sha}:${guess}`);
    if (text.includes(`class ${cls}(`)) return text;
  }
  for (const [, file] of fileIndex) {
    const text = git('show', `${sha}:${file}`);
    if (text.includes(`class ${cls}(`)) return text;
  }
  throw new Error(`model ${cls} not found`);
}

const definitions = {};
const pending = [];

function typeSchema(t, annotation) {
  let m;
  if ((m = /^List\[(.+)\]$/.exec(t))) return { type: 'array', items: typeSchema(m[1], '') };
  if ((m = /^Dict\[str, (.+)\]$/.exec(t))) return { type: 'object', additionalProperties: typeSchema(m[1], '') };
  switch (t) {
    case 'str':
      return { type: 'string' };
    case 'int':
      return { type: 'integer' };
    case 'float':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string' };
    case 'bytes':
    case 'bytearray':
      return { type: 'string', format: 'byte' };
    case 'object':
      if (/StrictInt \| StrictStr|Union\[StrictInt, StrictStr\]/.test(annotation)) return { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true };
      return {};
    default:
      if (/^[A-Z][A-Za-z0-9]+$/.test(t)) {
        if (!(t in definitions) && !pending.includes(t)) pending.push(t);
        return { $ref: `#/definitions/${t}` };
      }
      throw new Error(`unknown type ${t}`);
  }
}

function allowNull(schema) {
  // Like kubeconform's schemas: an optional field may be null (the API server reads it as unset).
  if (schema.$ref) return { anyOf: [schema, { type: 'null' }] };
  if (schema.type === undefined) return schema;
  return { ...schema, type: [...(Array.isArray(schema.type) ? schema.type : [schema.type]), 'null'] };
}

function build(cls) {
  const { types, names, annotations } = readModel(cls);
  const properties = {};
  const required = [];
  for (const py of Object.keys(types).sort((a, b) => (names[a] < names[b] ? -1 : 1))) {
    const json = names[py];
    const ann = annotations[py] ?? '';
    const isRequired = ann !== '' && !ann.startsWith('Optional[') && !/= (None|Field\(default=)/.test(ann);
    const s = typeSchema(types[py], ann);
    properties[json] = isRequired ? s : allowNull(s);
    if (isRequired) required.push(json);
  }
  const def = { type: 'object', additionalProperties: false, properties };
  if (required.length) def.required = required;
  return def;
}

const roots = {};
for (const [apiVersion, kind, cls] of KINDS) {
  pending.push(cls);
  roots[`${apiVersion}/${kind}`] = cls;
}
while (pending.length) {
  const cls = pending.shift();
  if (cls in definitions) continue;
  definitions[cls] = build(cls);
}
// A root kind: apiVersion and kind fixed and required, metadata.name required.
for (const [apiVersion, kind, cls] of KINDS) {
  const d = definitions[cls];
  definitions[`${cls}Object`] = {
    allOf: [{ $ref: `#/definitions/${cls}` }],
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { const: apiVersion },
      kind: { const: kind },
      metadata: { type: 'object', required: ['name'] },
    },
  };
  void d;
}
const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
const out = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://backstage-render.dev/schemas/k8s/kubernetes-strict.schema.json',
  title: `Kubernetes ${branch} built-in kinds, strict`,
  description: `Generated by schemas/k8s/generate.mjs from the API models of kubernetes-client/python ${sha.slice(0, 12)} (Kubernetes ${branch}, Apache-2.0). Roots: ${KINDS.map(([a, k, c]) => `${a} ${k} = #/definitions/${c}Object`).join('; ')}.`,
  definitions: sorted,
};
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'kubernetes-strict.schema.json'), JSON.stringify(out, null, 1) + '\n');
writeFileSync(
  join(here, 'kinds.json'),
  JSON.stringify({ kubernetes: branch, source: `kubernetes-client/python@${sha}`, kinds: Object.fromEntries(KINDS.map(([a, k, c]) => [`${a}/${k}`, `${c}Object`])) }, null, 2) + '\n',
);
console.error(`wrote ${Object.keys(sorted).length} definitions for ${KINDS.length} kinds (Kubernetes ${branch})`);
