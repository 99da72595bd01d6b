// Derives the list-merge table in fn/merge/k8s-merge-schema.ts from the
// Kubernetes OpenAPI that kyaml v0.18.1 embeds (v1.21.2). Usage:
//   node test/merge/tools/derive-merge-schema.mjs <openapi.json> > fn/merge/k8s-merge-schema.generated.txt
// The input is kyaml's bundle (kyaml/openapi/kubernetesapi/data/*.bundle-v1.json.gz,
// gunzipped), whose source sha256 equals the swagger.pb of kyaml v0.18.1.
// Only the facts kyaml's merge walk uses are kept: which array fields carry
// x-kubernetes-patch-strategy containing "merge" and their keys
// (x-kubernetes-list-map-keys wins over x-kubernetes-patch-merge-key), and the
// path of object fields leading to them.
import fs from 'node:fs';

const ROOTS = [
  ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'],
  ['v1', 'Pod'], ['v1', 'PodTemplate'], ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Secret'],
  ['v1', 'PersistentVolumeClaim'], ['v1', 'ServiceAccount'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['batch/v1beta1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'NetworkPolicy'],
];

const bundle = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const defs = bundle.definitions;
const refName = (ref) => ref.replace('#/definitions/', '');
const gvkOf = (d) => (d['x-kubernetes-group-version-kind'] ?? []).map((g) => `${g.group ? g.group + '/' : ''}${g.version}|${g.kind}`);

const roots = new Map();
for (const [av, kind] of ROOTS) {
  const name = Object.keys(defs).find((n) => gvkOf(defs[n]).includes(`${av}|${kind}`));
  if (!name) throw new Error(`no definition for ${av} ${kind}`);
  roots.set(`${av}|${kind}`, name);
}

// memoised: does a type (transitively) hold an associative array?
const relevant = new Map();
const table = new Map();
function visit(name, stack = new Set()) {
  if (relevant.has(name)) return relevant.get(name);
  if (stack.has(name)) return false;
  stack.add(name);
  const d = defs[name];
  const fields = {};
  for (const [f, p] of Object.entries(d.properties ?? {})) {
    const spec = fieldSpec(p, stack);
    if (spec) fields[f] = spec;
  }
  if (d.additionalProperties && typeof d.additionalProperties === 'object') {
    const spec = fieldSpec(d.additionalProperties, stack);
    if (spec) fields['*'] = spec;
  }
  stack.delete(name);
  const has = Object.keys(fields).length > 0;
  relevant.set(name, has);
  if (has) table.set(name, fields);
  return has;
}
function fieldSpec(p, stack) {
  if (p.$ref) return visit(refName(p.$ref), stack) ? { ref: refName(p.$ref) } : null;
  if (p.type === 'array') {
    const strategy = p['x-kubernetes-patch-strategy'] ?? '';
    const assoc = strategy.split(',').includes('merge');
    const keys = p['x-kubernetes-list-map-keys'] ?? (p['x-kubernetes-patch-merge-key'] ? [p['x-kubernetes-patch-merge-key']] : []);
    // a non-associative list is replaced whole: what is inside does not matter
    if (!assoc) return null;
    const item = p.items?.$ref && visit(refName(p.items.$ref), stack) ? refName(p.items.$ref) : '';
    return { item, keys };
  }
  if (p.type === 'object' && p.additionalProperties) {
    const inner = fieldSpec(p.additionalProperties, stack);
    return inner ? { map: inner } : null;
  }
  return null;
}
// last segment of the definition name, or group.version.Kind where that is ambiguous
const short = (n) => {
  const last = n.split('.').pop();
  const clash = Object.keys(defs).some((o) => o !== n && o.split('.').pop() === last && relevant.get(o));
  return clash ? n.split('.').slice(-3).join('.') : last;
};

for (const name of roots.values()) visit(name);
const shorts = new Map();
for (const n of table.keys()) {
  if (shorts.has(short(n)) && shorts.get(short(n)) !== n) throw new Error(`ambiguous short name ${short(n)}`);
  shorts.set(short(n), n);
}
const render = (spec) => {
  if (spec.ref) return short(spec.ref);
  if (spec.map) return `{${render(spec.map)}}`;
  return `${spec.item ? short(spec.item) : ''}[]${spec.keys.length ? spec.keys.join(',') : '='}`;
};
const q = (s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : `'${s}'`);
const lines = [];
lines.push('export const RESOURCE_TYPES: Readonly<Record<string, string>> = {');
for (const [gvk, n] of roots) lines.push(`  '${gvk}': '${relevant.get(n) ? short(n) : ''}',`);
lines.push('};', '', 'export const TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {');
for (const n of [...table.keys()].sort((a, b) => short(a).localeCompare(short(b)))) {
  const fields = Object.entries(table.get(n)).map(([f, spec]) => `${q(f)}: '${render(spec)}'`).join(', ');
  lines.push(`  ${q(short(n))}: { ${fields} },`);
}
lines.push('};');
console.log(lines.join('\n'));
