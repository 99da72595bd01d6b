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
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    io.stderr(`error: ${outDir} exists and is not empty; give a new directory\n`);
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
  for (const [rel, content] of Object.entries(files)) {
    const target = path.resolve(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  io.stderr(`wrote ${Object.keys(files).length} profile files to ${outDir}\n`);
  io.stderr(
    profile.operatorVersion
      ? `operator version ${profile.operatorVersion} (from the manager image ${operatorImage}), recorded in ${OPERATOR_VERSION_FILE}\n`
      : `no operator version: the manifest's manager image has no tag of a known line; renders as the operatorVersion option says (default 1.10)\n`,
  );
  return 0;
}
