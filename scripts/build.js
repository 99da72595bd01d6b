#!/usr/bin/env node
// Builds dist/backstage-render.js: one file with the code, the JSON schemas and the embedded
// profiles, so the function starts fast and needs nothing beside it (see docs/performance.md).
// The CR validators are compiled here too (scripts/cr-validators.js: ajv standalone code in
// build/cr-validators.js), in place of fn/validate/validators.ts.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { writeCrValidators } = require('./cr-validators');

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
  // profiles/<operator version>/<name>, keyed `<version>/<name>` (cli/profile-loader.ts embeddedProfileKey).
  const dir = path.join(root, 'profiles');
  for (const version of fs.readdirSync(dir).sort()) {
    if (!fs.statSync(path.join(dir, version)).isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(dir, version)).sort()) {
      if (fs.statSync(path.join(dir, version, name)).isDirectory()) out[`${version}/${name}`] = readProfile(path.join(dir, version, name));
    }
  }
  return out;
}

/** fn/validate/validators.ts (compiles the schemas at run time) -> the generated module. */
function precompiledValidators(file) {
  const runtime = path.join(root, 'fn', 'validate', 'validators.ts');
  return {
    name: 'precompiled-validators',
    setup(b) {
      b.onResolve({ filter: /\/validators$/ }, (args) => (path.join(args.resolveDir, `${args.path}.ts`) === runtime ? { path: file } : undefined));
    },
  };
}

/**
 * Each embedded profile file's documents, parsed with the project's reader (fn/yaml.ts, bundled
 * for the purpose), kept only where JSON carries them exactly (plain data: no Date, Buffer, -0,
 * non-finite numbers, shared objects), so the bundle parses no profile YAML at run time.
 */
function preparsedProfiles(profiles) {
  const tmp = path.join(root, 'build', 'yaml-reader.js');
  esbuild.buildSync({ entryPoints: [path.join(root, 'fn', 'yaml.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: tmp, logLevel: 'warning' });
  delete require.cache[tmp];
  const { parseYamlDocuments } = require(tmp);
  const exact = (v, seen) => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
    if (typeof v !== 'object' || seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) return Object.getPrototypeOf(v) === Array.prototype && v.every((x) => exact(x, seen));
    return Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).every((k) => k !== '__proto__' && exact(v[k], seen));
  };
  const out = {};
  for (const [name, files] of Object.entries(profiles)) {
    out[name] = {};
    for (const [file, text] of Object.entries(files)) {
      // Templates ({{backstage-name}}, plugin-deps) are parsed once filled in, at run time.
      if (file.startsWith('plugin-deps/') || text.includes('{{')) continue;
      let docs;
      try {
        docs = parseYamlDocuments(text);
      } catch {
        continue; // templates that are YAML only once filled in (plugin-deps): parsed at run time
      }
      if (exact(docs, new Set()) && JSON.stringify(JSON.parse(JSON.stringify(docs))) === JSON.stringify(docs)) out[name][file] = docs;
    }
  }
  return out;
}

async function build() {
  const outfile = path.join(root, 'dist', 'backstage-render.js');
  const validators = writeCrValidators();
  const profiles = embeddedProfiles();
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
    define: { __EMBEDDED_PROFILES__: JSON.stringify(profiles), __EMBEDDED_PROFILES_PARSED__: JSON.stringify(preparsedProfiles(profiles)) },
    plugins: [precompiledValidators(validators)],
  });
  // The shebang comes from cli/entry.ts; make the bundle runnable by itself (container entrypoint).
  fs.chmodSync(outfile, 0o755);
}

build().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
