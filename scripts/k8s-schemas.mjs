#!/usr/bin/env node
// Writes build/k8s/kubernetes-strict.schema.json and build/k8s/kinds.json: strict JSON Schemas
// (draft-07, unknown fields rejected, like `kubeconform -strict`) for the built-in kinds
// backstage-render emits or validates. fn/validate/k8s-output.ts (tests only) validates against them.
//
// Nothing here is hand-written or committed: the facts come from the registry package
// @kubernetes/client-node (a devDependency, Apache-2.0, The Kubernetes Authors), whose models are
// generated from the Kubernetes OpenAPI specification (the release is read from the models'
// "OpenAPI spec version" header). Per model:
//   - dist/gen/models/<Model>.js: `attributeTypeMap` gives the JSON field names (baseName), their
//     types and formats;
//   - dist/gen/models/<Model>.d.ts: a property without `?` is required;
//   - dist/gen/apis/*Api.js: the path a `create…` call of a model posts to gives its apiVersion
//     (`/api/v1/…` is v1, `/apis/<group>/<version>/…` is <group>/<version>); the kind is the model
//     name without its version prefix (V1Deployment -> Deployment, V2HorizontalPodAutoscaler ->
//     HorizontalPodAutoscaler).
// Descriptions are left out. Optional fields may be null (the API server reads null as unset).
//
// Run by `npm ci` / `npm install` (package.json "prepare") and by test/global-setup.js when the
// output is missing or was made from another client-node version.
// Usage: node scripts/k8s-schemas.mjs [output dir, default build/k8s]
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'build', 'k8s'));

/** The models of the built-in kinds covered (apiVersion and kind are derived, see above). */
const ROOT_MODELS = [
  'V1ConfigMap',
  'V1Secret',
  'V1Service',
  'V1ServiceAccount',
  'V1PersistentVolumeClaim',
  'V1PersistentVolume',
  'V1Pod',
  'V1Namespace',
  'V1LimitRange',
  'V1ResourceQuota',
  'V1Deployment',
  'V1StatefulSet',
  'V1DaemonSet',
  'V1ReplicaSet',
  'V1Job',
  'V1CronJob',
  'V1NetworkPolicy',
  'V1Ingress',
  'V1IngressClass',
  'V1Role',
  'V1RoleBinding',
  'V1ClusterRole',
  'V1ClusterRoleBinding',
  'V1PodDisruptionBudget',
  'V1HorizontalPodAutoscaler',
  'V2HorizontalPodAutoscaler',
  'V1PriorityClass',
  'V1StorageClass',
];

function fail(message) {
  console.error(`k8s-schemas: ${message}`);
  process.exit(1);
}

let pkgDir;
try {
  pkgDir = dirname(createRequire(join(root, 'package.json')).resolve('@kubernetes/client-node/package.json'));
} catch {
  fail('@kubernetes/client-node is not installed (it is a devDependency): run `npm ci` first');
}
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const modelsDir = join(pkgDir, 'dist', 'gen', 'models');
const apisDir = join(pkgDir, 'dist', 'gen', 'apis');

// --- the Kubernetes release ------------------------------------------------------------------

const specVersion = /OpenAPI spec version: (v?\d+\.\d+\.\d+)/.exec(readFileSync(join(modelsDir, 'V1ObjectMeta.d.ts'), 'utf8'))?.[1];
if (!specVersion) fail('no "OpenAPI spec version" in the client-node models');
const release = /^v?(\d+\.\d+)/.exec(specVersion)[1];

// --- apiVersion of each model, from the generated API clients ---------------------------------

/** Model name -> set of apiVersions it is created under (collection paths only). */
const createdUnder = new Map();
for (const file of readdirSync(apisDir).filter((f) => f.endsWith('Api.js')).sort()) {
  const text = readFileSync(join(apisDir, file), 'utf8');
  // One request-factory method per operation: `async createNamespacedDeployment(…) { … }`.
  const methods = text.split(/\n    async (?=\w+\()/).slice(1);
  for (const m of methods) {
    if (!/^create\w*\(/.test(m)) continue;
    const path = /const localVarPath = '([^']+)'/.exec(m)?.[1];
    const body = /ObjectSerializer\.serialize\(body, "([A-Za-z0-9]+)", ""\)/.exec(m)?.[1];
    if (!path || !body) continue;
    // Subresources (pods/{name}/eviction, …) post other models: only collections count.
    if (/\{name\}/.test(path)) continue;
    const gv = /^\/api\/(v\d\w*)\//.exec(path)?.[1] ?? /^\/apis\/([^/]+\/v\d\w*)\//.exec(path)?.[1];
    if (!gv) continue;
    if (!createdUnder.has(body)) createdUnder.set(body, new Set());
    createdUnder.get(body).add(gv);
  }
}

function apiVersionOf(model) {
  const gvs = [...(createdUnder.get(model) ?? [])];
  if (gvs.length !== 1) fail(`model ${model}: expected one apiVersion from the API clients, found ${gvs.length ? gvs.join(', ') : 'none'}`);
  const gv = gvs[0];
  const version = gv.includes('/') ? gv.split('/')[1] : gv;
  const prefix = version[0].toUpperCase() + version.slice(1);
  if (!model.startsWith(prefix)) fail(`model ${model} is created under ${gv}, whose version does not prefix the model name`);
  return { apiVersion: gv, kind: model.slice(prefix.length) };
}

// --- models ------------------------------------------------------------------------------------

async function loadModel(name) {
  const js = join(modelsDir, `${name}.js`);
  if (!existsSync(js)) fail(`no model ${name} in ${modelsDir}`);
  const mod = await import(pathToFileURL(js).href);
  const cls = mod[name];
  if (typeof cls !== 'function' || !Array.isArray(cls.attributeTypeMap)) fail(`model ${name} has no attributeTypeMap`);
  // Required properties: declared without `?` in the class declaration of the .d.ts.
  const dts = readFileSync(join(modelsDir, `${name}.d.ts`), 'utf8');
  const body = dts.slice(dts.indexOf(`export declare class ${name} {`));
  const declared = new Map();
  for (const m of body.matchAll(/^ {4}'([^']+)'(\?)?: /gm)) declared.set(m[1], m[2] !== '?');
  for (const m of body.matchAll(/^ {4}([A-Za-z_$][\w$]*)(\?)?: /gm)) if (!declared.has(m[1])) declared.set(m[1], m[2] !== '?');
  const attributes = cls.attributeTypeMap.map((a) => {
    if (!declared.has(a.name)) fail(`model ${name}: property ${a.name} not found in ${name}.d.ts`);
    return { json: a.baseName, type: a.type, format: a.format, required: declared.get(a.name) };
  });
  return attributes;
}

const definitions = {};
const pending = [];

function typeSchema(type, format) {
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) return { type: 'array', items: typeSchema(m[1], format) };
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) return { type: 'object', additionalProperties: typeSchema(m[1], format) };
  switch (type) {
    case 'string':
      return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
    case 'number':
      if (format === 'int32') return { type: 'integer', format: 'int32' };
      if (format === 'int64') return { type: 'integer' };
      if (format === 'double' || format === 'float') return { type: 'number' };
      return fail(`number of unknown format "${format}"`);
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
    case 'V1MicroTime': // metav1.MicroTime: an RFC 3339 date-time with microseconds
      return { type: 'string', format: 'date-time' };
    case 'IntOrString':
      return { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true };
    case 'any':
    case 'object':
      return {};
    default:
      if (/^[A-Z][A-Za-z0-9]+$/.test(type)) {
        if (!(type in definitions) && !pending.includes(type)) pending.push(type);
        return { $ref: `#/definitions/${type}` };
      }
      return fail(`unknown type ${type}`);
  }
}

function allowNull(schema) {
  // Like kubeconform's schemas: an optional field may be null (the API server reads it as unset).
  if (schema.$ref) return { anyOf: [schema, { type: 'null' }] };
  if (schema.type === undefined) return schema;
  return { ...schema, type: [...(Array.isArray(schema.type) ? schema.type : [schema.type]), 'null'] };
}

async function build(name) {
  const attributes = (await loadModel(name)).sort((a, b) => (a.json < b.json ? -1 : a.json > b.json ? 1 : 0));
  const properties = {};
  const required = [];
  for (const a of attributes) {
    const s = typeSchema(a.type, a.format);
    properties[a.json] = a.required ? s : allowNull(s);
    if (a.required) required.push(a.json);
  }
  const def = { type: 'object', additionalProperties: false, properties };
  if (required.length) def.required = required;
  return def;
}

const kinds = ROOT_MODELS.map((model) => ({ model, ...apiVersionOf(model) }));
pending.push(...ROOT_MODELS);
while (pending.length) {
  const name = pending.shift();
  if (name in definitions) continue;
  definitions[name] = await build(name);
}
// A root kind: apiVersion and kind fixed and required, metadata.name required.
for (const { model, apiVersion, kind } of kinds) {
  definitions[`${model}Object`] = {
    allOf: [{ $ref: `#/definitions/${model}` }],
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { const: apiVersion },
      kind: { const: kind },
      metadata: { type: 'object', required: ['name'] },
    },
  };
}

const source = `@kubernetes/client-node@${pkg.version}`;
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://backstage-render.dev/schemas/k8s/kubernetes-strict.schema.json',
  title: `Kubernetes ${release} built-in kinds, strict`,
  description: `Generated by scripts/k8s-schemas.mjs from the API models of ${source} (OpenAPI spec ${specVersion}, Apache-2.0). Roots: ${kinds
    .map(({ model, apiVersion, kind }) => `${apiVersion} ${kind} = #/definitions/${model}Object`)
    .join('; ')}.`,
  definitions: Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]])),
};
const index = {
  kubernetes: release,
  openapi: specVersion,
  source,
  kinds: Object.fromEntries(kinds.map(({ model, apiVersion, kind }) => [`${apiVersion}/${kind}`, `${model}Object`])),
};
if (Object.keys(index.kinds).length !== ROOT_MODELS.length) fail('two models map to the same apiVersion/kind');

// Written whole or not at all: a file that exists is complete.
mkdirSync(outDir, { recursive: true });
function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
writeAtomically(join(outDir, 'kubernetes-strict.schema.json'), JSON.stringify(schema, null, 1) + '\n');
// kinds.json last: test/global-setup.js checks it to decide whether to regenerate.
writeAtomically(join(outDir, 'kinds.json'), JSON.stringify(index, null, 2) + '\n');
console.error(`k8s-schemas: wrote ${Object.keys(definitions).length} definitions for ${kinds.length} kinds (Kubernetes ${release}, ${source}) to ${outDir}`);
