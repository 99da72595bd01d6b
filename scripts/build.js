#!/usr/bin/env node
// Builds dist/backstage-render.js: one file with the code, the JSON schemas and the embedded
// profiles, so the function starts fast and needs nothing beside it (see README, Performance).
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

function readProfile(dir) {
  const files = {};
  const walk = (rel) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && /\.(ya?ml|k8s|ocp)$/.test(e.name)) files[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return files;
}

function embeddedProfiles() {
  const out = {};
  const dir = path.join(root, 'profiles');
  for (const name of fs.readdirSync(dir).sort()) {
    if (fs.statSync(path.join(dir, name)).isDirectory()) out[name] = readProfile(path.join(dir, name));
  }
  return out;
}

async function build() {
  const outfile = path.join(root, 'dist', 'backstage-render.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'cli', 'entry.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __EMBEDDED_PROFILES__: JSON.stringify(embeddedProfiles()) },
  });
  // The shebang comes from cli/entry.ts; make the bundle runnable by itself (container entrypoint).
  fs.chmodSync(outfile, 0o755);
}

build().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
