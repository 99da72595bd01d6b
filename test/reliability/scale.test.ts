// Work proportional to the input (issue 10, items 4 and 5): large patches merge in linear time,
// large outputs never grow the stack. The inputs are the benchmark's (bench/large.js). Bounds are
// generous (shared CI machines): the code before these changes took minutes where these take
// seconds, or failed with "Maximum call stack size exceeded".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeDeploymentPatch } from '../../fn/merge/strategic-merge';
import { REPO_ROOT, tmpDir } from '../helpers';
import { HAVE_TIME, readOutputList, runBin, STACK_TRACE } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const large = require('../../bench/large.js') as { envPatch(n: number): string; volumesPatch(n: number): string };

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'scale-test-seed-0123456789' };

type Obj = Record<string, any>;
const deployment = (containers: Obj[], volumes: Obj[] = []): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { template: { spec: { containers, volumes } } },
});
const env = (from: number, to: number, value: string): Obj[] => Array.from({ length: to - from }, (_, i) => ({ name: `VAR_${from + i}`, value: `${value}-${from + i}` }));
const timed = <T>(f: () => T): [T, number] => {
  const t0 = Date.now();
  const r = f();
  return [r, Date.now() - t0];
};

describe('strategic merge indexes list items by merge key', () => {
  // Base: VAR_0..VAR_24999; patch: VAR_12500..VAR_62499 (half replace, half new).
  const base = deployment([{ name: 'backstage-backend', image: 'i', env: env(0, 25_000, 'base') }]);
  const patch = deployment([{ name: 'backstage-backend', env: env(12_500, 62_500, 'patch') }]);
  const names = (d: unknown) => ((d as Obj).spec.template.spec.containers[0].env as Obj[]).map((e) => `${e.name}=${e.value}`);

  test('50,000 env entries, append: base order kept, matches replaced in place, the new ones after, in patch order', () => {
    const [merged, ms] = timed(() => mergeDeploymentPatch(base, patch, 'append'));
    expect(names(merged)).toEqual([...env(0, 12_500, 'base'), ...env(12_500, 62_500, 'patch')].map((e) => `${e.name}=${e.value}`));
    expect(ms).toBeLessThan(30_000);
  }, 120_000);

  test('50,000 env entries, prepend (kyaml: patch order first, then what only the base has)', () => {
    const [merged, ms] = timed(() => mergeDeploymentPatch(base, patch, 'prepend'));
    expect(names(merged)).toEqual([...env(12_500, 62_500, 'patch'), ...env(0, 12_500, 'base')].map((e) => `${e.name}=${e.value}`));
    expect(ms).toBeLessThan(30_000);
  }, 120_000);

  test('20,000 volumes; duplicates in the base are all replaced, as kyaml does', () => {
    const vols = (n: number, what: string) => Array.from({ length: n }, (_, i) => ({ name: `vol-${i}`, [what]: {} }));
    const b = deployment([{ name: 'c' }], [...vols(10, 'emptyDir'), { name: 'vol-3', secret: { secretName: 's' } }]);
    const p = deployment([], vols(20_000, 'configMap'));
    const [merged, ms] = timed(() => mergeDeploymentPatch(b, p, 'append'));
    const out = (merged as Obj).spec.template.spec.volumes as Obj[];
    expect(out).toHaveLength(20_001);
    expect(out.slice(0, 11).map((v) => [v.name, Object.keys(v).sort()])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [`vol-${i}`, ['configMap', 'emptyDir', 'name']]),
      ['vol-3', ['configMap', 'emptyDir', 'name']],
    ]);
    expect(out[10]).toEqual(out[3]);
    expect(out.slice(11).map((v) => v.name)).toEqual(Array.from({ length: 19_990 }, (_, i) => `vol-${i + 10}`));
    expect(ms).toBeLessThan(30_000);
  }, 120_000);
});

describe('the built function on large patches', () => {
  const backend = (stdout: string) => {
    const dep = readOutputList(stdout).items.find((o) => o.kind === 'Deployment') as Obj;
    return dep.spec.template.spec;
  };

  // About 3 s on a quiet machine (the 3.6 MB input's parse is most of it); more than 5 minutes before.
  test('a deployment patch with 50,000 env entries renders', () => {
    const r = runBin([], { input: large.envPatch(50_000), env: SEED, timeoutMs: 240_000 });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    const envs = (backend(r.stdout).containers.find((c: Obj) => c.name === 'backstage-backend').env as Obj[]).filter((e) => e.name.startsWith('VAR_'));
    expect(envs).toEqual(Array.from({ length: 50_000 }, (_, i) => ({ name: `VAR_${i}`, value: `value-${i}` })));
    expect(r.ms).toBeLessThan(120_000);
    // The parse of the input is most of the memory (the `yaml` package's document of 150,000 nodes).
    if (HAVE_TIME) expect(r.maxRssKb!).toBeLessThan(512 * 1024);
  }, 300_000);

  test('a deployment patch with 20,000 volumes renders', () => {
    const r = runBin([], { input: large.volumesPatch(20_000), env: SEED, timeoutMs: 240_000 });
    expect(r.status).toBe(0);
    const vols = (backend(r.stdout).volumes as Obj[]).filter((v) => v.name.startsWith('vol-'));
    expect(vols).toEqual(Array.from({ length: 20_000 }, (_, i) => ({ name: `vol-${i}`, emptyDir: {} })));
    expect(r.ms).toBeLessThan(120_000);
  }, 300_000);
});

describe('large outputs never grow the stack', () => {
  // Spreading a list into a call's arguments puts every item on the stack (the fleet's generated
  // objects in renderBackstage overflowed at about 13,000 CRs). With a twelfth of Node's stack, 10,000
  // objects overflowed the same way; the renderer's own depth does not depend on the item count.
  test('10,000 generated objects (a profile with that many plugin-infra objects) with --stack-size=80', () => {
    const dir = tmpDir('many-objects');
    fs.mkdirSync(path.join(dir, 'profile', 'plugin-infra'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh', 'default-config'), path.join(dir, 'profile', 'default-config'), { recursive: true });
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: infra\n`;
    fs.writeFileSync(path.join(dir, 'profile', 'plugin-infra', 'many.yaml'), Array.from({ length: 10_000 }, (_, i) => doc(i)).join('---\n'));
    const input = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: fc}\n  data: {profile: ./profile, pluginInfra: "true"}\n';
    const r = spawnSync(process.execPath, ['--stack-size=80', path.join(REPO_ROOT, 'dist', 'backstage-render.js')], { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
    expect(r.stderr).not.toContain('Maximum call stack size exceeded');
    expect(r.status).toBe(0);
    const items = readOutputList(r.stdout).items;
    expect(items).toHaveLength(10_000);
    expect(items.slice(0, 2).map((o) => o.metadata.name)).toEqual(['c0', 'c1']);
  });
});
