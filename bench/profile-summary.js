#!/usr/bin/env node
'use strict';
// Summarizes a V8 .cpuprofile (node --cpu-prof) of the bundle: self time per bundled module
// (from esbuild's `// path` comments in the unminified bundle) and the top functions.
//   node bench/profile-summary.js PROFILE.cpuprofile [dist/backstage-render.js]
const fs = require('node:fs');
const path = require('node:path');

const [profFile, bundleArg] = process.argv.slice(2);
const bundle = bundleArg ?? path.join(__dirname, '..', 'dist', 'backstage-render.js');
const prof = JSON.parse(fs.readFileSync(profFile, 'utf8'));
const lines = fs.readFileSync(bundle, 'utf8').split('\n');
const marks = [];
lines.forEach((l, i) => {
  const m = /^\/\/ ((?:node_modules|fn|cli|schemas|profiles|build)\/\S+)$/.exec(l);
  if (m) marks.push([i, m[1].replace(/^node_modules\/([^/]+)\/.*$/, 'node_modules/$1')]);
});
function moduleOf(url, line) {
  if (!url.endsWith(path.basename(bundle))) return url.startsWith('node:') ? url : url ? `node internals (${path.basename(url)})` : '(native / gc / idle)';
  let lo = 0;
  let hi = marks.length - 1;
  let found = '(bundle prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid][0] <= line) {
      found = marks[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
const byModule = new Map();
const byFn = new Map();
let total = 0;
for (const n of prof.nodes) {
  const us = dt.get(n.id) ?? 0;
  total += us;
  const cf = n.callFrame;
  const mod = cf.functionName === '(garbage collector)' ? '(garbage collector)' : cf.functionName === '(program)' || cf.functionName === '(idle)' ? `(${cf.functionName.replace(/[()]/g, '')})` : moduleOf(cf.url, cf.lineNumber);
  byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  const fk = `${cf.functionName || '(anonymous)'} ${mod}:${cf.lineNumber + 1}`;
  byFn.set(fk, (byFn.get(fk) ?? 0) + us);
}
const show = (m, k) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
// Inclusive time of the stages (a frame counts once per sample even when recursive).
const STAGES = ['readResourceList', 'renderBackstage', 'validateBackstageCR', 'compile', 'buildBackstageModel', 'resolvePluginDependencies', 'parseYamlDocuments', 'writeResourceList', 'stringifyYaml', 'writeYamlDocument'];
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const inclusive = new Map(STAGES.map((s) => [s, 0]));
for (const n of prof.nodes) {
  const us = dt.get(n.id) ?? 0;
  if (!us) continue;
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const f = byId.get(id).callFrame.functionName;
    if (inclusive.has(f) && !seen.has(f)) {
      seen.add(f);
      inclusive.set(f, inclusive.get(f) + us);
    }
  }
}
console.log(`inclusive time of stages:\n${show(inclusive, STAGES.length)}\n`);
console.log(`total ${(total / 1000).toFixed(1)} ms sampled\n\nself time by module:\n${show(byModule, 15)}\n\ntop functions (self):\n${show(byFn, 25)}`);
