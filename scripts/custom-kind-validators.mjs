#!/usr/bin/env node
// Writes build/k8s/custom-kinds.cjs: the validators of the custom kinds we emit for which a
// maintained registry package ships a schema, bundled (esbuild) into one CommonJS file that
// fn/validate/k8s-output.ts (tests only) loads next to the built-in kinds' schemas.
//
// Nothing here is hand-written: the packages of kubernetes-models-ts (MIT; fetched at pinned
// versions and integrities into build/schema-packages by scripts/schema-packages.mjs) are
// generated from each project's Go API types and carry precompiled ajv validators (types, required
// fields, enums, formats; no check of unknown fields). Each model class says its own apiVersion and
// kind. The packages are ESM and declare Node 22 (hence not devDependencies: npm ci would warn on
// Node 20); bundling makes them load in jest and on Node 20.
//
// Unknown fields: the same packages ship TypeScript declarations of every kind (interface I<Kind>),
// generated from the same Go types. The TypeScript compiler (devDependency) reads them and we write
// each kind's field tree as a JSON Schema of `properties` / `additionalProperties: false` (maps keep
// their value type, arrays their item type; anything typed loosely stays open), exported with the
// validators as `shapes`: fn/validate/k8s-output.ts checks it next to the package's validator, so a
// field the kind does not have is an error, as `kubeconform -strict` does for built-in kinds.
//
// Run by `npm ci` / `npm install` (package.json "prepare") and by test/global-setup.js when the
// output is missing or was made from other package versions.
// Usage: node scripts/custom-kind-validators.mjs [output dir, default build/k8s]
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSchemaPackages } from './schema-packages.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'build', 'k8s'));
const require = createRequire(join(root, 'package.json'));
const esbuild = require('esbuild');
/** build/schema-packages: its node_modules holds the pinned packages and links to ours. */
let packagesDir;
try {
  packagesDir = ensureSchemaPackages(root);
} catch (e) {
  console.error(`custom-kind-validators: ${e.message}`);
  process.exit(1);
}

/** package -> model modules (paths the package exports), one per kind we emit. */
export const CUSTOM_KIND_MODELS = {
  '@kubernetes-models/sealed-secrets': ['bitnami.com/v1alpha1/SealedSecret'],
  '@kubernetes-models/external-secrets': ['external-secrets.io/v1/ExternalSecret', 'generators.external-secrets.io/v1alpha1/Password'],
  '@kubernetes-models/prometheus-operator': ['monitoring.coreos.com/v1/ServiceMonitor'],
  '@kubernetes-models/argo-cd': ['argoproj.io/v1alpha1/AppProject'],
  '@kubernetes-models/knative': ['operator.knative.dev/v1beta1/KnativeServing', 'operator.knative.dev/v1beta1/KnativeEventing'],
};

function versionOf(pkg) {
  // The package.json is not exported: read it from the package's directory.
  const dir = join(packagesDir, 'node_modules', ...pkg.split('/'));
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

const sources = Object.fromEntries(Object.keys(CUSTOM_KIND_MODELS).map((p) => [p, `${p}@${versionOf(p)}`]));
const entries = Object.entries(CUSTOM_KIND_MODELS).flatMap(([pkg, models]) => models.map((m) => ({ pkg, module: `${pkg}/${m}`, name: m.split('/').pop() })));
/** The field tree of each kind as a JSON Schema, from the package's declaration of I<Kind>. */
function deriveShapes() {
  const ts = require('typescript');
  const file = join(packagesDir, '__custom_kind_shapes__.ts');
  const text = entries.map((e, i) => `import type { I${e.name} as I${i} } from ${JSON.stringify(e.module)};\nexport type T${i} = I${i};`).join('\n');
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile;
  const fileExists = host.fileExists;
  host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, text, lang) : getSourceFile.call(host, f, lang, ...rest));
  host.fileExists = (f) => f === file || fileExists.call(host, f);
  const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, strict: true };
  const program = ts.createProgram([file], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0) throw new Error(`the @kubernetes-models declarations do not compile: ${problems.slice(0, 3).join('; ')}`);
  const checker = program.getTypeChecker();
  const aliases = program.getSourceFile(file).statements.filter((st) => ts.isTypeAliasDeclaration(st));
  const primitive = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike;
  const open = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive;
  const shapes = {};
  aliases.forEach((alias, i) => {
    const definitions = {};
    const ids = new Map();
    const schemaOf = (type) => {
      type = checker.getNonNullableType(type);
      if (type.flags & (primitive | open)) return {};
      if (type.isUnion()) {
        const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
        if (parts.some((t) => t.flags & (primitive | open))) return {};
        const schemas = parts.map(schemaOf);
        return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
      }
      if (checker.isTupleType(type)) return {};
      if (checker.isArrayType(type)) return { items: schemaOf(checker.getTypeArguments(type)[0]) };
      if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) return {};
      const props = checker.getPropertiesOfType(type);
      const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
      if (props.length === 0) return index ? { additionalProperties: schemaOf(index) } : {};
      let id = ids.get(type);
      if (id === undefined) {
        id = `T${ids.size}`;
        ids.set(type, id);
        const properties = {};
        definitions[id] = { properties, additionalProperties: index ? schemaOf(index) : false };
        for (const p of props) properties[p.name] = schemaOf(checker.getTypeOfSymbol(p));
      }
      return { $ref: `#/definitions/${id}` };
    };
    const top = schemaOf(checker.getTypeAtLocation(alias.name));
    shapes[`${entries[i].apiVersion}/${entries[i].name}`] = { ...top, definitions };
  });
  return shapes;
}
for (const e of entries) e.apiVersion = e.module.slice(e.pkg.length + 1).split('/').slice(0, 2).join('/');
const shapes = deriveShapes();

const entry = [
  ...entries.map((e, i) => `import { ${e.name} as M${i} } from ${JSON.stringify(e.module)};`),
  `export const sources = ${JSON.stringify(sources)};`,
  `export const shapes = ${JSON.stringify(shapes)};`,
  'export const models = [',
  ...entries.map((e, i) => `  { model: M${i}, source: ${JSON.stringify(sources[e.pkg])} },`),
  '];',
].join('\n');

const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: packagesDir, sourcefile: 'custom-kinds-entry.mjs' },
  // module paths relative to build/schema-packages and through its links: `node_modules/…`
  absWorkingDir: packagesDir,
  preserveSymlinks: true,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  legalComments: 'none',
  logLevel: 'silent',
});
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'custom-kinds.cjs');
const tmp = `${file}.${process.pid}.tmp`;
writeFileSync(tmp, `// Generated by scripts/custom-kind-validators.mjs (validators and unknown-field shapes) from ${Object.values(sources).join(', ')}.\n${result.outputFiles[0].text}`);
renameSync(tmp, file);
console.error(`custom-kind-validators: wrote ${entries.length} kinds (${Object.values(sources).join(', ')}) to ${file}`);
