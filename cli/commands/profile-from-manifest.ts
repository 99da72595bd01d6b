// `profile-from-manifest`: turns the operator's install manifest (its default-config,
// flavour-<name>-config and plugin-deps ConfigMaps) into a profile directory in the operator's
// layout, to pin the defaults of the exact operator release a cluster runs (`--profile DIR`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RenderError } from '../../fn/diagnostics';
import { readResourceList } from '../../fn/kio/resourcelist';
import { readTextFile, UnreadableInputError } from '../inputs';
import { profileFromInstallManifest } from '../../fn/profile/install-manifest';
import { OPERATOR_VERSION_FILE, type Profile } from '../../fn/profile/profile';

export interface ProfileFromManifestIo {
  cwd: string;
  readStdin: () => string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function runProfileFromManifest(manifest: string, outDir: string, io: ProfileFromManifestIo): number {
  let text: string;
  try {
    text = manifest === '-' ? io.readStdin() : readTextFile(path.resolve(io.cwd, manifest), manifest);
  } catch (e) {
    io.stderr(`error: ${e instanceof UnreadableInputError ? e.message : `${manifest}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`}\n`);
    return 1;
  }
  let files: Record<string, string>;
  let profile: Profile;
  let operatorImage: string | undefined;
  try {
    const items = readResourceList(text, { allowPlainObjects: true }).items;
    const read = profileFromInstallManifest(items, manifest);
    profile = read.profile;
    operatorImage = read.operatorImage;
    files = { ...profile.files };
    // The operator line of the manifest's manager image, read back by --profile DIR (cli/profile-loader.ts).
    if (profile.operatorVersion) {
      files[OPERATOR_VERSION_FILE] = `# Written by backstage-render profile-from-manifest: the operator line of ${operatorImage}.\n# Rendered as this line unless the operatorVersion option says otherwise.\noperatorVersion: "${profile.operatorVersion}"\n`;
    }
  } catch (e) {
    if (e instanceof RenderError || (e as Error).name === 'InputError' || (e as Error).name === 'YamlError') {
      io.stderr(`error: ${manifest}: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
  const dir = path.resolve(io.cwd, outDir);
  // A directory this command wrote before (its record lists every file) is refreshed: the files it
  // wrote are replaced, and those the new manifest no longer has removed with their emptied
  // directories. Anything else in it is not ours: then it is an error, and nothing is touched.
  const previous = previousProfileFiles(dir);
  if (typeof previous === 'string') {
    io.stderr(`error: ${outDir} ${previous}\n`);
    return 1;
  }
  for (const rel of Object.keys(files).sort()) {
    const target = path.resolve(dir, rel);
    // The file names are ConfigMap keys: never let one climb out of the directory.
    if (!target.startsWith(dir + path.sep)) {
      io.stderr(`error: ${manifest}: file ${JSON.stringify(rel)} would be written outside ${outDir}\n`);
      return 1;
    }
  }
  for (const rel of previous) {
    if (Object.hasOwn(files, rel)) continue;
    fs.rmSync(path.resolve(dir, rel), { force: true });
    for (let d = path.dirname(path.resolve(dir, rel)); d !== dir && d.startsWith(dir + path.sep) && fs.readdirSync(d).length === 0; d = path.dirname(d)) fs.rmdirSync(d);
  }
  for (const [rel, content] of Object.entries(files)) {
    const target = path.resolve(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.writeFileSync(path.join(dir, PROFILE_RECORD), `${JSON.stringify({ files: Object.keys(files).sort() }, null, 2)}\n`);
  io.stderr(`wrote ${Object.keys(files).length} profile files to ${outDir}\n`);
  io.stderr(
    profile.operatorVersion
      ? `operator version ${profile.operatorVersion} (from the manager image ${operatorImage}), recorded in ${OPERATOR_VERSION_FILE}\n`
      : `no operator version: the manifest's manager image has no tag of a known line; renders as the operatorVersion option says (default 1.10)\n`,
  );
  return 0;
}

/** The record of the files profile-from-manifest wrote into a directory (no YAML extension: never read as a profile file). */
export const PROFILE_RECORD = '.backstage-render-profile';

/**
 * The files an earlier run wrote into dir ([] for a new or empty directory), or what is wrong: a
 * directory with files but no record of ours, or with files beside the ones recorded.
 */
function previousProfileFiles(dir: string): string[] | string {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return [];
  let recorded: string[];
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dir, PROFILE_RECORD), 'utf8')) as { files?: unknown };
    if (!Array.isArray(record.files) || !record.files.every((f) => typeof f === 'string')) throw new Error('no file list');
    recorded = record.files as string[];
  } catch {
    return 'exists and is not empty, and profile-from-manifest did not write it; give a new directory';
  }
  const present: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (r !== PROFILE_RECORD) present.push(r);
    }
  };
  walk('');
  const foreign = present.filter((f) => !recorded.includes(f)).sort();
  if (foreign.length > 0) return `holds files profile-from-manifest did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); move them, or give a new directory`;
  return recorded.filter((f) => present.includes(f));
}
