#!/usr/bin/env node
// Lays out build/schema-packages/node_modules for scripts/custom-kind-validators.mjs: the
// @kubernetes-models packages it bundles and reads the declarations of, at the exact versions and
// sha512 integrities pinned in scripts/schema-packages.json, beside symlinks to every other package
// of the project's node_modules (ajv, ajv-formats, … which they import).
//
// Why not devDependencies: these packages declare `engines: node >= 22`, so `npm ci` on Node 20
// printed eight EBADENGINE warnings, although we never run them at render time (the script bundles
// them for Node 20). `npm pack <name>@<version>` fetches a registry tarball through npm's own
// cache and configuration (registry, proxy, offline) without installing it, so nothing checks
// engines; we check each tarball's sha512 against the pin ourselves and unpack it with a small
// tar reader (regular files only, no path leaving the package's directory).
//
// Silent on success; a failed fetch or an integrity mismatch throws one message. Packages already
// unpacked with the pinned integrity are not fetched again.
// Usage: node scripts/schema-packages.mjs (custom-kind-validators.mjs calls ensureSchemaPackages).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const PINS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'schema-packages.json');

/** name -> { version, integrity } */
export function schemaPackagePins() {
  return JSON.parse(readFileSync(PINS_FILE, 'utf8')).packages;
}

export function integrityOf(bytes) {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** The regular files of an npm tarball (.tgz), the top directory (`package/`) stripped. */
export function untar(tgz) {
  const data = gunzipSync(tgz);
  const files = [];
  let longName;
  for (let at = 0; at + 512 <= data.length; ) {
    const header = data.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const text = (from, to) => header.subarray(from, to).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(text(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = data.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    const prefix = text(257, 263).startsWith('ustar') ? text(345, 500) : '';
    let name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    longName = undefined;
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
      continue;
    }
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'g' || type === '5') continue;
    if (type !== '0' && type !== '7') throw new Error(`entry ${name} is not a regular file (type ${type})`);
    name = name.split('/').slice(1).join('/');
    if (name === '' || name.startsWith('/') || name.split('/').some((p) => p === '..' || p === '')) throw new Error(`entry path ${JSON.stringify(name)} is not inside the package`);
    files.push({ name, body });
  }
  return files;
}

function npm(args, cwd) {
  // The npm running `npm ci` (its CLI script, run by the same node), else the one on PATH.
  const cli = process.env.npm_execpath;
  const [cmd, pre] = cli && /npm-cli\.c?js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []];
  return execFileSync(cmd, [...pre, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

/** Unpacks the pinned packages not yet unpacked; returns build/schema-packages. */
export function ensureSchemaPackages(root) {
  const base = join(root, 'build', 'schema-packages');
  const modules = join(base, 'node_modules');
  const record = join(base, 'unpacked.json');
  const pins = schemaPackagePins();
  let unpacked = {};
  try {
    unpacked = JSON.parse(readFileSync(record, 'utf8'));
  } catch {
    unpacked = {};
  }
  const missing = Object.keys(pins).filter((name) => unpacked[name] !== pins[name].integrity || !existsSync(join(modules, name, 'package.json')));
  for (const name of Object.keys(unpacked)) if (!(name in pins)) rmSync(join(modules, name), { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  clearLinks(modules, pins); // before unpacking: a scope directory must not be a link into node_modules
  if (missing.length > 0) {
    const tmp = mkdtempSync(join(base, '.fetch-'));
    try {
      const specs = missing.map((name) => `${name}@${pins[name].version}`);
      let packed;
      try {
        packed = JSON.parse(npm(['pack', ...specs, '--pack-destination', tmp, '--json', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], tmp));
      } catch (e) {
        // npm's reason, without its `code …` and log-file lines
        const lines = String(e.stderr || e.message).split('\n').map((l) => l.replace(/^npm error\s*/, '').trim());
        const why = lines.find((l) => l !== '' && !/^(code \S+|A complete log|errno |syscall )/.test(l)) ?? 'npm pack failed';
        throw new Error(`could not fetch the pinned packages of scripts/schema-packages.json with npm pack: ${why}`);
      }
      for (const name of missing) {
        const entry = packed.find((p) => p.name === name && p.version === pins[name].version);
        if (!entry) throw new Error(`npm pack did not return ${name}@${pins[name].version}`);
        const tgz = readFileSync(join(tmp, entry.filename));
        const actual = integrityOf(tgz);
        if (actual !== pins[name].integrity) throw new Error(`${name}@${pins[name].version}: integrity ${actual} is not the pinned ${pins[name].integrity} (scripts/schema-packages.json)`);
        const staging = join(tmp, 'unpack', ...name.split('/'));
        for (const { name: file, body } of untar(tgz)) {
          const to = join(staging, ...file.split('/'));
          if (!to.startsWith(staging + sep)) throw new Error(`${name}: entry ${file} leaves the package`);
          mkdirSync(dirname(to), { recursive: true });
          writeFileSync(to, body);
        }
        const dest = join(modules, ...name.split('/'));
        rmSync(dest, { recursive: true, force: true });
        mkdirSync(dirname(dest), { recursive: true });
        renameSync(staging, dest);
        unpacked[name] = pins[name].integrity;
      }
      writeFileSync(record, `${JSON.stringify(unpacked, null, 2)}\n`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  linkProjectPackages(root, modules, new Set(Object.keys(pins)));
  return base;
}

const scopesOf = (names) => new Set([...names].filter((n) => n.startsWith('@')).map((n) => n.split('/')[0]));

/** Removes the symlinks linkProjectPackages made (at the top and in the pinned packages' scopes). */
function clearLinks(modules, pins) {
  const clear = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isSymbolicLink()) rmSync(join(dir, e.name));
  };
  clear(modules);
  for (const scope of scopesOf(Object.keys(pins))) if (existsSync(join(modules, scope)) && lstatSync(join(modules, scope)).isDirectory()) clear(join(modules, scope));
}

/**
 * Symlinks every package of the project's node_modules that is not pinned into `modules`, so the
 * pinned packages' imports (ajv, …) resolve as in an installed tree and esbuild, which keeps the
 * symlinked paths, names every module as `node_modules/…` as an installed tree would.
 */
function linkProjectPackages(root, modules, pinned) {
  const project = join(root, 'node_modules');
  const link = (name) => {
    const at = join(modules, ...name.split('/'));
    symlinkSync(relative(dirname(at), join(project, ...name.split('/'))), at);
  };
  const scopes = scopesOf(pinned);
  if (!existsSync(project)) return;
  for (const name of readdirSync(project)) {
    if (name.startsWith('.') || pinned.has(name)) continue;
    if (!scopes.has(name)) {
      if (!existsSync(join(modules, name))) link(name);
      continue;
    }
    for (const sub of readdirSync(join(project, name))) if (!pinned.has(`${name}/${sub}`) && !existsSync(join(modules, name, sub))) link(`${name}/${sub}`);
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  try {
    ensureSchemaPackages(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
  } catch (e) {
    console.error(`schema-packages: ${e.message}`);
    process.exit(1);
  }
}
