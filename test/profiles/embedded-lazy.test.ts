// The bundle carries each embedded profile (every operator line, every profile) as JSON text,
// parsed when a run first asks for that profile (scripts/build.js embeddedProfileDefines,
// cli/profile-loader.ts embeddedProfile). Here: what the built bundle carries, parsed, is each
// profile directory's files exactly as cli/profile-loader.ts reads them from profiles/, and each
// file's preparsed documents are exactly what the project's YAML reader makes of that file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { loadProfileDir } from '../../cli/profile-loader';
import { OPERATOR_VERSIONS } from '../../fn/versions';
import { parseYamlDocuments } from '../../fn/yaml';
import { REPO_ROOT } from '../helpers';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'backstage-render.js');
const PROFILES = path.join(REPO_ROOT, 'profiles');

/** The value the bundle assigns to a define (one line: `define_<NAME>_default = { ... };`), evaluated. */
function bundleDefine(name: string): Record<string, unknown> {
  const text = fs.readFileSync(BUNDLE, 'utf8');
  const m = new RegExp(`^\\s*define_${name}_default = (\\{.*\\});$`, 'm').exec(text);
  if (!m) throw new Error(`no define_${name}_default in ${BUNDLE}`);
  return vm.runInNewContext(`(${m[1]})`) as Record<string, unknown>;
}

const KEYS = OPERATOR_VERSIONS.flatMap((v) => fs.readdirSync(path.join(PROFILES, v)).filter((n) => fs.statSync(path.join(PROFILES, v, n)).isDirectory()).map((n) => `${v}/${n}`));

describe('embedded profiles, parsed when first used', () => {
  const files = bundleDefine('EMBEDDED_PROFILES');
  const parsed = bundleDefine('EMBEDDED_PROFILES_PARSED');

  test('every operator line and profile is embedded, each as one JSON text', () => {
    expect(KEYS.length).toBeGreaterThanOrEqual(OPERATOR_VERSIONS.length * 2);
    expect(Object.keys(files).sort()).toEqual([...KEYS].sort());
    expect(Object.keys(parsed).sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) expect([typeof files[k], typeof parsed[k]]).toEqual(['string', 'string']);
  });

  test.each(KEYS)('%s: the files, parsed from the bundle, are the profile directory read eagerly', (key) => {
    expect(JSON.parse(files[key] as string)).toEqual(loadProfileDir(path.join(PROFILES, key), key).files);
  });

  test.each(KEYS)('%s: the preparsed documents are what the YAML reader makes of each file (plugin-deps templates excepted)', (key) => {
    const texts = JSON.parse(files[key] as string) as Record<string, string>;
    const docs = JSON.parse(parsed[key] as string) as Record<string, unknown[]>;
    const expected = Object.fromEntries(Object.entries(texts).filter(([f]) => !f.startsWith('plugin-deps/')).map(([f, t]) => [f, parseYamlDocuments(t)]));
    // Files JSON cannot carry exactly are left to be parsed at run time; none of ours is.
    expect(Object.keys(docs).sort()).toEqual(Object.keys(expected).sort());
    for (const [f, d] of Object.entries(docs)) expect([f, d]).toEqual([f, expected[f]]);
  });
});
