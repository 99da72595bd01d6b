#!/usr/bin/env node
// Builds dist/backstage-render.js: one file with the code, the JSON schemas and the embedded
// profiles, so the function starts fast and needs nothing beside it (see docs/performance.md).
// The CR validators are compiled here too (scripts/cr-validators.js: ajv standalone code in
// build/cr-validators.js), in place of fn/validate/validators.ts.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
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

// Built-in modules a render seldom needs, loaded when first used instead of when the bundle loads:
// child_process (exec dependency providers; commander's subcommand spawning) loads net, dgram and
// the streams, os (render -o) little but still something: together about a tenth of a 1-CR run.
const LAZY_BUILTINS = ['child_process', 'os'];

/** Resolves those built-ins to a module whose properties load the real one on first access. */
function lazyBuiltins() {
  const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        const name = args.path.replace(/^node:/, '');
        // The lazy module's own require is the real built-in.
        if (args.namespace === 'lazy-builtin') return { path: `node:${name}`, external: true };
        return { path: name, namespace: 'lazy-builtin' };
      });
      // A getter per export (the names this Node has): a named import or `import * as` (esbuild's
      // __toESM copies the names, not the values) touches nothing until a value is read.
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        loader: 'js',
        contents: [
          `let real;`,
          `const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}));`,
          `for (const k of ${JSON.stringify(Object.keys(require(`node:${args.path}`)).filter((k) => k !== 'default'))})`,
          `  Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
        ].join('\n'),
      }));
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
      // Plugin-deps templates are parsed with their placeholders filled in (fn/model/profile-yaml.ts
      // parseProfileTemplate), never as they are. Any other file is kept by its text: a run that
      // parses that exact text gets these documents, whatever `{{...}}` it holds (the lightspeed
      // flavour's prompts do: 20 KB of YAML parsed in every run before).
      if (file.startsWith('plugin-deps/')) continue;
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

/**
 * The bundler's defines of cli/profile-loader.ts: for each profile `<version>/<name>`, the JSON text
 * of its files and of their preparsed documents, as string literals. V8 scans a string literal
 * at start-up and does nothing else with it; the profile a run uses is parsed (JSON.parse) when
 * first asked for. As object literals, all six were compiled and built in every run.
 */
function embeddedProfileDefines(profiles, preparsed) {
  const texts = (byKey) => JSON.stringify(Object.fromEntries(Object.entries(byKey).map(([k, v]) => [k, JSON.stringify(v)])));
  return { __EMBEDDED_PROFILES__: texts(profiles), __EMBEDDED_PROFILES_PARSED__: texts(preparsed) };
}

/**
 * The V8 start-up snapshot of the bundle (cli/snapshot.ts), for the node running this build:
 * dist/backstage-render.blob, and beside it dist/backstage-render.blob.node, a link to that node.
 * bin/backstage-render starts from the blob only when the node it runs is that very file (docs/
 * performance.md, Start-up). A blob is made for one node binary and one set of V8 flags: it is
 * built with no NODE_OPTIONS, tried before it is put in place (renamed there: a run never sees
 * half a blob), and when it cannot be made the build goes on without it (the bundle runs as it
 * is). BACKSTAGE_RENDER_SNAPSHOT=0 builds none.
 */
function buildSnapshot(bundle) {
  const blob = path.join(path.dirname(bundle), 'backstage-render.blob');
  const link = `${blob}.node`;
  const tmp = `${blob}.${process.pid}.tmp`;
  // The old pair goes first: the link last of all, so a run never pairs a new node with an old blob.
  fs.rmSync(link, { force: true });
  fs.rmSync(blob, { force: true });
  if (process.env.BACKSTAGE_RENDER_SNAPSHOT === '0') return undefined;
  const { NODE_OPTIONS, ...env } = process.env;
  const node = (args) => spawnSync(process.execPath, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
  const fail = (why) => {
    fs.rmSync(tmp, { force: true });
    console.warn(`build: no start-up snapshot (${why}); bin/backstage-render runs the bundle as it is`);
    return undefined;
  };
  const made = node(['--snapshot-blob', tmp, '--build-snapshot', bundle]);
  if (made.status !== 0 || made.stderr !== '') return fail(`node --build-snapshot: ${(made.error?.message ?? made.stderr).trim().split('\n')[0] || `exit ${made.status}`}`);
  const fromBlob = node(['--snapshot-blob', tmp, '--', '--version']);
  const fromBundle = node([bundle, '--version']);
  if (fromBlob.status !== 0 || fromBlob.stdout !== fromBundle.stdout || fromBlob.stderr !== '') return fail('the snapshot does not start as the bundle does');
  fs.renameSync(tmp, blob);
  try {
    fs.symlinkSync(fs.realpathSync(process.execPath), link);
  } catch (e) {
    fs.rmSync(blob, { force: true });
    return fail(`cannot link the node beside it: ${e.message}`);
  }
  return blob;
}

async function build() {
  const outfile = path.join(root, 'dist', 'backstage-render.js');
  const validators = writeCrValidators();
  const profiles = embeddedProfiles();
  await esbuild.build({
    entryPoints: [path.join(root, 'cli', 'start.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: embeddedProfileDefines(profiles, preparsedProfiles(profiles)),
    plugins: [precompiledValidators(validators), lazyBuiltins()],
  });
  // The shebang comes from cli/start.ts; make the bundle runnable by itself (container entrypoint).
  fs.chmodSync(outfile, 0o755);
  buildSnapshot(outfile);
}

module.exports = { embeddedProfiles, preparsedProfiles, embeddedProfileDefines };

if (require.main === module) {
  build().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
