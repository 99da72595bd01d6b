// Deterministic random Deployments and strategic-merge patches for them, to
// compare our merge with kubectl kustomize on many shapes.
import type { MergeCase } from './kustomize';

/** mulberry32: a small seeded generator, so every run draws the same cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Obj = Record<string, unknown>;

class Draw {
  constructor(private readonly rnd: () => number) {}
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  /** a random subset, in a random order */
  some<T>(xs: readonly T[], max = xs.length): T[] {
    const pool = [...xs];
    const out: T[] = [];
    const n = this.int(0, Math.min(max, pool.length));
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.rnd() * pool.length), 1)[0]);
    return out;
  }
}

const CONTAINERS = ['backend', 'sidecar', 'proxy', 'agent'];
const INIT = ['install', 'migrate', 'wait'];
const ENVS = ['A', 'B', 'C', 'D', 'E'];
const PORTS = [7007, 8080, 9090, 53];
const PROTOCOLS = ['TCP', 'UDP'];
const VOLUMES = ['data', 'cache', 'cfg', 'plugins'];
const MOUNTS = ['/data', '/cache', '/opt/cfg', '/plugins'];
const LABELS = ['app', 'tier', 'team'];

function env(d: Draw, name: string): Obj {
  return d.chance(0.7) ? { name, value: `v${d.int(0, 9)}` } : { name, valueFrom: { secretKeyRef: { name: `s${d.int(0, 3)}`, key: 'k' } } };
}
function port(d: Draw, containerPort: number): Obj {
  const p: Obj = { containerPort };
  if (d.chance(0.4)) p.name = `p${containerPort}`;
  if (d.chance(0.5)) p.protocol = d.pick(PROTOCOLS);
  return p;
}
function volume(d: Draw, name: string): Obj {
  const r = d.int(0, 2);
  if (r === 0) return { name, emptyDir: {} };
  if (r === 1) return { name, configMap: { name: `cm-${name}`, defaultMode: 420 } };
  return { name, secret: { secretName: `sec-${name}`, optional: d.chance(0.5) } };
}
function mount(d: Draw, mountPath: string): Obj {
  const m: Obj = { name: d.pick(VOLUMES), mountPath };
  if (d.chance(0.3)) m.readOnly = true;
  if (d.chance(0.2)) m.subPath = 'x';
  return m;
}
function resources(d: Draw): Obj {
  const r: Obj = {};
  if (d.chance(0.7)) r.requests = { cpu: `${d.int(1, 9)}00m`, memory: `${d.int(1, 9)}Gi` };
  if (d.chance(0.5)) r.limits = { cpu: `${d.int(1, 4)}`, memory: `${d.int(1, 9)}Gi` };
  return r;
}
function labels(d: Draw): Obj {
  const l: Obj = {};
  for (const k of d.some(LABELS)) l[k] = `x${d.int(0, 5)}`;
  return l;
}

function container(d: Draw, name: string): Obj {
  const c: Obj = { name, image: `img/${name}:${d.int(1, 5)}` };
  if (d.chance(0.3)) c.args = d.some(['--a', '--b', '--c'], 3);
  if (d.chance(0.7)) c.env = d.some(ENVS, 4).map((n) => env(d, n));
  if (d.chance(0.6)) c.ports = d.some(PORTS, 3).map((p) => port(d, p));
  if (d.chance(0.6)) c.volumeMounts = d.some(MOUNTS, 3).map((m) => mount(d, m));
  if (d.chance(0.5)) c.resources = resources(d);
  return c;
}

export function randomDeployment(d: Draw, name: string): Obj {
  const podSpec: Obj = { containers: d.some(CONTAINERS, 3).map((n) => container(d, n)) };
  if ((podSpec.containers as Obj[]).length === 0) podSpec.containers = [container(d, 'backend')];
  if (d.chance(0.5)) podSpec.initContainers = d.some(INIT, 2).map((n) => container(d, n));
  if (d.chance(0.7)) podSpec.volumes = d.some(VOLUMES, 3).map((n) => volume(d, n));
  if (d.chance(0.3)) podSpec.imagePullSecrets = d.some(['pull-a', 'pull-b'], 2).map((n) => ({ name: n }));
  const meta: Obj = { name };
  if (d.chance(0.7)) meta.labels = labels(d);
  if (d.chance(0.3)) meta.annotations = { note: `n${d.int(0, 3)}` };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta,
    spec: {
      replicas: d.int(1, 3),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, ...labels(d) } }, spec: podSpec },
    },
  };
}

/** A patch for one keyed list: changes, deletes, replaces and adds items. */
function listPatch(d: Draw, existing: Obj[], key: string, pool: readonly (string | number)[], make: (k: string | number) => Obj, change: (item: Obj) => Obj): Obj[] {
  const out: Obj[] = [];
  const keys = existing.map((e) => e[key]);
  for (const k of d.some(pool)) {
    if (!keys.includes(k)) {
      out.push(make(k));
      continue;
    }
    const r = d.int(0, 9);
    if (r === 0) out.push({ [key]: k, $patch: 'delete' });
    else if (r === 1) out.push({ [key]: k, $patch: 'replace', ...change({}) });
    else out.push({ [key]: k, ...change({}) });
  }
  return out;
}

function containerPatch(d: Draw, existing: Obj | undefined, name: string): Obj {
  if (!existing) return container(d, name);
  const p: Obj = { name };
  if (d.chance(0.4)) p.image = `img/${name}:${d.int(6, 9)}`;
  if (d.chance(0.2)) p.args = d.some(['--x', '--y'], 2);
  if (d.chance(0.5)) p.env = listPatch(d, (existing.env as Obj[]) ?? [], 'name', ENVS, (n) => env(d, String(n)), () => (d.chance(0.2) ? { value: null } : { value: `w${d.int(0, 9)}` }));
  if (d.chance(0.4)) {
    p.ports = d.some(PORTS, 2).map((cp) => {
      const x = port(d, cp);
      if (d.chance(0.15)) x.$patch = 'delete';
      return x;
    });
  }
  if (d.chance(0.4)) p.volumeMounts = listPatch(d, (existing.volumeMounts as Obj[]) ?? [], 'mountPath', MOUNTS, (m) => mount(d, String(m)), () => ({ readOnly: d.chance(0.5) }));
  if (d.chance(0.4)) {
    const r = d.int(0, 3);
    if (r === 0) p.resources = null;
    else if (r === 1) p.resources = { requests: null, limits: { cpu: '8' } };
    else if (r === 2) p.resources = { $patch: 'replace', limits: { memory: '3Gi' } };
    else p.resources = resources(d);
  }
  if (d.chance(0.1)) p.$patch = d.pick(['delete', 'replace']);
  return p;
}

export function randomPatch(d: Draw, base: Obj): Obj {
  const name = (base.metadata as Obj).name as string;
  const spec = base.spec as Obj;
  const podSpec = (spec.template as Obj).spec as Obj;
  const meta: Obj = { name };
  if (d.chance(0.5)) {
    const l: Obj = {};
    for (const k of d.some(LABELS)) l[k] = d.chance(0.3) ? null : `y${d.int(0, 5)}`;
    meta.labels = l;
  }
  if (d.chance(0.2)) meta.annotations = { note: d.chance(0.5) ? null : 'changed' };
  const ps: Obj = {};
  const containers = (podSpec.containers as Obj[]) ?? [];
  const byName = (list: Obj[], n: string) => list.find((c) => c.name === n);
  if (d.chance(0.85)) ps.containers = d.some(CONTAINERS, 3).map((n) => containerPatch(d, byName(containers, n), n));
  if (d.chance(0.3)) ps.initContainers = d.some(INIT, 2).map((n) => containerPatch(d, byName((podSpec.initContainers as Obj[]) ?? [], n), n));
  if (d.chance(0.5)) ps.volumes = listPatch(d, (podSpec.volumes as Obj[]) ?? [], 'name', VOLUMES, (n) => volume(d, String(n)), () => (d.chance(0.5) ? { emptyDir: { medium: 'Memory' } } : { configMap: { defaultMode: 256 } }));
  if (d.chance(0.15)) ps.imagePullSecrets = d.chance(0.5) ? [{ name: 'pull-c' }] : [{ $patch: 'replace' }, { name: 'pull-d' }];
  if (d.chance(0.1)) ps.securityContext = { fsGroup: 1001 };
  const patchSpec: Obj = { template: { spec: ps } };
  if (d.chance(0.3)) patchSpec.replicas = d.int(2, 5);
  if (d.chance(0.2)) (patchSpec.template as Obj).metadata = { labels: { extra: 'yes-label' } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: patchSpec };
}

export function generatedCases(seed: number, count: number): MergeCase[] {
  const d = new Draw(seededRandom(seed));
  const cases: MergeCase[] = [];
  for (let i = 0; i < count; i++) {
    const base = randomDeployment(d, `gen-${seed}-${i}`);
    cases.push({ name: `generated #${i}`, base, patch: randomPatch(d, base) });
  }
  return cases;
}
