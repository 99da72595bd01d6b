// `backstage-render diff --operator-version B --against-operator-version A`: the same input rendered
// as operator A and as B, and what the upgrade A -> B would change in the applied objects. Run as
// users run it (bin/backstage-render). fixtures/upgrade-previews/expected-<A>-to-<B>.txt hold the
// whole output for fixtures/upgrade-previews/crs.yaml, one per pair of neighbouring lines
// (regenerate with UPDATE_FIXTURES=1 and read the diff); the operator's own example CRs of the
// older line must preview too (skipped without ../shared).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, OPERATOR_DATA, REPO_ROOT, describeWithShared, run } from '../helpers';
import { OPERATOR_FILES, type OperatorReleaseDir } from '../operator-data';

const DIR = path.join(REPO_ROOT, 'fixtures', 'upgrade-previews');
const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'fixture-seed-0123456789abcdef' };
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const PAIRS: Array<[string, string]> = [
  ['1.9', '1.10'],
  ['1.10', 'main'],
];
const preview = (from: string, to: string, files: string[], extra: string[] = []) =>
  run(BIN, ['diff', ...files, '--ingress-domain', 'apps.example.com', '--operator-version', to, '--against-operator-version', from, ...extra], { cwd: REPO_ROOT, env: SEED });

describe('upgrade preview (diff --against-operator-version)', () => {
  test.each(PAIRS)('%s -> %s on fixtures/upgrade-previews/crs.yaml: the whole expected output, exit 2', (from, to) => {
    const r = preview(from, to, [path.join(DIR, 'crs.yaml')]);
    const file = path.join(DIR, `expected-${from}-to-${to}.txt`);
    if (UPDATE) fs.writeFileSync(file, r.stdout);
    expect(r.stdout).toBe(fs.readFileSync(file, 'utf8'));
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/error:/);
  });

  test('1.9 -> 1.10 names what a 1.9 user would lose: the renamed app-config ConfigMap and .npmrc Secret', () => {
    const out = fs.readFileSync(path.join(DIR, 'expected-1.9-to-1.10.txt'), 'utf8');
    for (const line of [
      '- ConfigMap team-a/backstage-appconfig-plain',
      '+ ConfigMap team-a/backstage-appconfig-plain-default-appconfig',
      '- Secret team-a/backstage-files-plain',
      '+ Secret team-a/backstage-files-plain-dynamic-plugins-npmrc',
    ]) {
      expect(out.split('\n')).toContain(line);
    }
  });

  test('the same line on both sides: nothing changes, exit 0', () => {
    const r = preview('1.10', '1.10', [path.join(DIR, 'crs.yaml')]);
    expect(r.stdout).toBe('# upgrade preview: operator 1.10 -> 1.10; + created, - deleted, ~ changed (old -> new)\n');
    expect(r.status).toBe(0);
  });

  test('--against and --against-operator-version together: a usage error, exit 1', () => {
    const r = preview('1.9', '1.10', [path.join(DIR, 'crs.yaml')], ['--against', DIR]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 1,
      stderr: 'error: give either --against (earlier output, a cluster export) or --against-operator-version (an upgrade preview), not both\n',
    });
  });

  test('an unknown line is refused by the flag', () => {
    const r = preview('1.8', '1.10', [path.join(DIR, 'crs.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("argument '1.8' is invalid");
  });
});

describeWithShared("upgrade preview on each older line's own example CRs", () => {
  const RELEASE = { '1.9': 'rhdh-operator-1.9.8', '1.10': 'rhdh-operator-release-1.10' } as Record<string, OperatorReleaseDir>;
  // From the fixed list (test/operator-data.ts), so the same tests exist without the data.
  const cases: Array<[string, string, string]> = PAIRS.flatMap(([from, to]) => OPERATOR_FILES[RELEASE[from]].examples.map((f): [string, string, string] => [from, to, f]));
  // The new line refuses these: main has no lightspeed sidecar by default and single-key app-configs.
  const REFUSED: Record<string, string> = {
    'main lightspeed.yaml': '! container lightspeed-core not found in the Backstage pod',
    'main rhdh-cr-with-app-configs.yaml': '! failed to build the Backstage model: multiple entries (3) not allowed for app-config ConfigMap: my-backstage-config-cm1',
  };
  test.each(cases)('%s -> %s: examples/%s previews (exit 2 or 0; what the new line refuses is a finding)', (from, to, file) => {
    const r = preview(from, to, [path.join(OPERATOR_DATA, RELEASE[from], 'examples', file)]);
    expect(r.stderr).not.toMatch(new RegExp(`^operator ${from.replace('.', '\\.')}: error:`, 'm'));
    expect([0, 2]).toContain(r.status);
    expect(r.stdout.startsWith(`# upgrade preview: operator ${from} -> ${to};`)).toBe(true);
    const refused = REFUSED[`${to} ${file}`];
    if (refused) expect(r.stdout.split('\n')[1]).toContain(refused);
    else expect(r.stdout).not.toMatch(/^! /m);
  });
});
