// Lists merged by two keys (a container's ports: containerPort + protocol; a Service's ports:
// port + protocol) are indexed in fn/merge/strategic-merge.ts. These tests hold the indexed merge
// to the scanning code it replaced (test/merge/reference/strategic-merge-scan.ts, kyaml's loops
// as they are) on seeded random lists with kyaml's corner cases: items lacking a key, empty and
// null key texts, duplicates, null and empty items, `$patch: delete` / `replace`, both list
// merge modes, and the errors kyaml raises.
import { mergeDeploymentPatch, strategicMerge, type ListIncreaseDirection } from '../../fn/merge/strategic-merge';
import * as reference from './reference/strategic-merge-scan';

/** mulberry32: a small seeded generator, so that every run checks the same cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = ReturnType<typeof rng>;
const pick = <T>(r: Gen, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** One list item: mostly ports, with every oddity kyaml's two-key merge reads differently. */
function item(r: Gen, portKey: string, pool: number, odd: number): unknown {
  const x = r();
  if (x < 0.03 * odd) return null;
  if (x < 0.05 * odd) return {};
  if (x < 0.055 * odd) return pick(r, ['text', 80]); // a scalar item: kyaml's errors
  const o: Record<string, unknown> = {};
  const port = r();
  if (port < 0.9 || odd === 0) o[portKey] = 8000 + Math.floor(r() * pool);
  else if (port < 0.95) o[portKey] = pick(r, [null, '']);
  const protocol = pick(r, ['TCP', 'TCP', 'UDP', 'SCTP', 'absent', 'absent', 'absent', '', null]);
  if (protocol !== 'absent') o.protocol = protocol;
  if (r() < 0.5) o.name = pick(r, ['http', 'metrics', 'grpc', null]);
  if (r() < 0.3) o.hostPort = Math.floor(r() * 3);
  if (r() < 0.08 * odd) o.$patch = pick(r, ['delete', 'replace', 'merge']);
  return o;
}

function list(r: Gen, portKey: string, n: number, pool: number, odd: number): unknown {
  const x = r();
  if (x < 0.03 * odd) return null;
  if (x < 0.05 * odd) return undefined;
  const items = Array.from({ length: n }, () => item(r, portKey, pool, odd));
  if (r() < 0.04 * odd) items.splice(Math.floor(r() * (items.length + 1)), 0, { $patch: 'replace' });
  return items;
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function deployment(r: Gen, n: number, pool: number, odd: number, isPatch: boolean): unknown {
  // env (one merge key, name) goes through the same list setter when items lack their key
  const env = r() < 0.3 ? list(r, 'name', n, pool, odd) : undefined;
  const containers = [withoutUndefined({ name: 'backstage-backend', image: isPatch ? undefined : 'img', ports: list(r, 'containerPort', n, pool, odd), env })];
  if (r() < 0.3) containers.push(withoutUndefined({ name: 'sidecar', ports: list(r, 'containerPort', Math.ceil(n / 3), pool, odd) }));
  const spec = { template: { spec: { containers } } };
  return isPatch ? { spec } : { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'backstage' }, spec };
}

function service(r: Gen, n: number, pool: number, odd: number, isPatch: boolean): unknown {
  const spec = withoutUndefined({ ports: list(r, 'port', n, pool, odd) });
  return isPatch ? { spec } : { apiVersion: 'v1', kind: 'Service', metadata: { name: 'backstage' }, spec };
}

/** The result, or the error message kyaml's walk raised: both implementations must agree on either. */
function outcome(f: () => unknown): string {
  try {
    return JSON.stringify(f());
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const copy = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const MODES: ListIncreaseDirection[] = ['append', 'prepend'];

function compare(base: unknown, patch: unknown): { same: boolean; indexed: string; scanned: string; label: string }[] {
  const out = [];
  for (const mode of MODES) {
    const indexed = outcome(() => mergeDeploymentPatch(copy(base), copy(patch), mode));
    const scanned = outcome(() => reference.mergeDeploymentPatch(copy(base), copy(patch), mode));
    out.push({ same: indexed === scanned, indexed, scanned, label: `mergeDeploymentPatch ${mode}` });
    const i2 = outcome(() => strategicMerge(copy(base), copy(patch), { listIncreaseDirection: mode }));
    const s2 = outcome(() => reference.strategicMerge(copy(base), copy(patch), { listIncreaseDirection: mode }));
    out.push({ same: i2 === s2, indexed: i2, scanned: s2, label: `strategicMerge ${mode}` });
  }
  return out;
}

function runCases(seed: number, count: number, shape: (r: Gen) => { n: number; pool: number; odd: number }): { cases: number; errors: number; differences: string[] } {
  const r = rng(seed);
  const differences: string[] = [];
  let errors = 0;
  for (let c = 0; c < count; c++) {
    const { n, pool, odd } = shape(r);
    const make = r() < 0.7 ? deployment : service;
    const base = make(r, n, pool, odd, false);
    const patch = make(r, n, pool, odd, true);
    for (const res of compare(base, patch)) {
      if (res.indexed.startsWith('error:')) errors++;
      if (!res.same && differences.length < 3) {
        differences.push(`case ${c} (${res.label})\nbase: ${JSON.stringify(base)}\npatch: ${JSON.stringify(patch)}\nindexed: ${res.indexed}\nscanned: ${res.scanned}`);
      }
    }
  }
  return { cases: count, errors, differences };
}

describe('two-key list merges: indexed = scanned (kyaml) on seeded random lists', () => {
  test('small lists, few distinct ports (many duplicates, every oddity), both modes', () => {
    const res = runCases(1, 3000, (r) => ({ n: Math.floor(r() * 7), pool: 1 + Math.floor(r() * 4), odd: 1 }));
    expect(res.differences).toEqual([]);
    // the cases reach kyaml's error paths too, not only results
    expect(res.errors).toBeGreaterThan(0);
    expect(res.errors).toBeLessThan(res.cases * 4);
  });

  test('medium lists with odd items, both modes', () => {
    const res = runCases(2, 600, (r) => ({ n: 10 + Math.floor(r() * 40), pool: 5 + Math.floor(r() * 40), odd: r() < 0.5 ? 1 : 0.3 }));
    expect(res.differences).toEqual([]);
  });

  test('well-formed ports (no null or empty items, no directives): with and without protocol, duplicates', () => {
    const res = runCases(3, 600, (r) => ({ n: 1 + Math.floor(r() * 60), pool: 2 + Math.floor(r() * 80), odd: 0 }));
    expect(res.differences).toEqual([]);
    expect(res.errors).toBe(0);
  });

  test('hand-picked: a patch port without protocol, a base port with one; duplicates; delete and replace', () => {
    const base = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'b' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                ports: [
                  { containerPort: 80, protocol: 'TCP', name: 'a' },
                  { containerPort: 80, protocol: 'UDP' },
                  { containerPort: 81 },
                  { containerPort: 81 },
                  { containerPort: 82, protocol: 'TCP' },
                  { containerPort: 83, protocol: 'TCP' },
                ],
              },
            ],
          },
        },
      },
    };
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                ports: [{ containerPort: 80, name: 'x' }, { containerPort: 81, protocol: 'TCP' }, { containerPort: 82, $patch: 'delete' }, { containerPort: 83, protocol: 'TCP', $patch: 'replace', hostPort: 1 }, { containerPort: 90 }, { protocol: 'UDP' }],
              },
            ],
          },
        },
      },
    };
    for (const res of compare(base, patch)) expect({ label: res.label, out: res.indexed }).toEqual({ label: res.label, out: res.scanned });
  });
});

describe('two-key list merges stay linear', () => {
  test('20,000 patch ports over 2,000 base ports (half without protocol): the whole merged list as expected', () => {
    const basePorts = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? { containerPort: 10000 + i, protocol: 'TCP', name: `b${i}` } : { containerPort: 10000 + i }));
    const patchPorts = Array.from({ length: 20000 }, (_, i) => (i % 2 === 0 ? { containerPort: 10000 + i, protocol: 'TCP', hostPort: i } : { containerPort: 10000 + i, hostPort: i }));
    const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' }, spec: { template: { spec: { containers: [{ name: 'c', ports: basePorts }] } } } };
    const patch = { spec: { template: { spec: { containers: [{ name: 'c', ports: patchPorts }] } } } };
    const merged = mergeDeploymentPatch(base, patch, 'append') as { spec: { template: { spec: { containers: Array<{ ports: unknown[] }> } } } };
    // each port of the base gets the patch's hostPort, in place; the others follow in the patch's order
    const expected = patchPorts.map((p, i) => (i < 2000 ? { ...basePorts[i], hostPort: i } : p));
    expect(merged.spec.template.spec.containers[0].ports).toEqual(expected);
  });
});
