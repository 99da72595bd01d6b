#!/usr/bin/env node
'use strict';
// The benchmark (docs/performance.md): fleets of 1, 10, 100, 1000 and 10,000 Backstage CRs as KRM
// ResourceLists, and four large single inputs (bench/large.js: a 50,000-entry env patch, a 20,000-port patch, 20,000
// volumes, a 50 MB dynamic plugins ConfigMap), each run side by side through
//   ours      bin/backstage-render as kpt/kustomize call it (the bundle, started from its V8 start-up
//             snapshot when the build made one for this node): whole process, stdin to stdout, seed set;
//   floor     a bundled Node process doing only the YAML any renderer must do: parse the same input,
//             stringify our output (handed over as JSON) with the `yaml` package and our settings;
//   node      Node's bare start-up, `node -e 0`;
//   kustomize `kubectl kustomize` over our output objects written as files of a kustomization.
// The floor and kustomize run up to 1000 CRs (above, preparing the floor's input alone takes
// minutes); the large inputs run beside node -e 0 only.
// Wall time is the median of several interleaved runs; peak RSS comes from /usr/bin/time (%M).
// Writes <out>/latest.json and <out>/latest.md (bench/results/ is git-ignored).
//
//   npm run bench                      sizes 1,10,100,1000,10000, 7 runs (5 at 100, 3 at 1000, 2 at 10000), large inputs 3 runs (the 50 MB one 1)
//   npm run bench -- --small           sizes 1,5 (five shapes of the mix), small large inputs, one run (CI: proves the bench works)
//            --no-large (skip the large inputs)
//            --minimal 10000,100000 (fleets of minimal CRs, `spec: {}`: one run each, output to a file and
//            counted; the default of the full run; --small: 50) or --no-minimal
//   options: --sizes 1,10 --runs N --out DIR --work DIR (keep inputs/outputs there) --no-build
//            --baseline FILE (another build of the bundle, e.g. before a change, measured beside ours)
//            --kustomize-max N (default 100: kubectl kustomize grows faster than linearly, 15 s for
//            1200 files here; above N CRs it runs once, not timed per run, or not at all with 0)

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'backstage-render.js');
const SEED_ENV = 'BACKSTAGE_RENDER_SECRET_SEED';
const RENDERED_FROM = 'backstage-render.dev/rendered-from';
const TARGETS = { singleCrToNode: 1.5, crs1000Ms: 5000, marginalMsPerCr: 3, peakRssMb1000: 250, peakRssMb10000: 1024, env50000Ms: 3000, ports20000Ms: 3000, inputRssBaseMb: 300, inputRssPerMb: 10 };
const FLOOR_MAX = 1000;
/** The large single inputs: [name, what it is for a size, generator, size (full run), size (--small), runs]. */
const num = (n) => n.toLocaleString('en-US');
const LARGE = [
  ['env-50000', (n) => `deployment patch with ${num(n)} env entries`, 'envPatch', 50_000, 500, 3],
  ['volumes-20000', (n) => `deployment patch with ${num(n)} volumes`, 'volumesPatch', 20_000, 200, 3],
  ['ports-20000', (n) => `deployment patch with ${num(n)} container ports (two merge keys)`, 'portsPatch', 20_000, 200, 3],
  ['dynamic-plugins-50mb', (n) => `${num(n / 2 ** 20)} MB dynamic plugins ConfigMap`, 'bigDynamicPlugins', 50 * 2 ** 20, 2 ** 19, 1],
];

function parseArgs(argv) {
  const a = { small: false, sizes: null, runs: null, out: path.join(ROOT, 'bench', 'results'), work: null, build: true, baseline: null, kustomizeMax: 100, large: true, minimal: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--small') a.small = true;
    else if (x === '--sizes') a.sizes = argv[++i].split(',').map(Number);
    else if (x === '--runs') a.runs = Number(argv[++i]);
    else if (x === '--out') a.out = path.resolve(argv[++i]);
    else if (x === '--work') a.work = path.resolve(argv[++i]);
    else if (x === '--no-build') a.build = false;
    else if (x === '--baseline') a.baseline = path.resolve(argv[++i]);
    else if (x === '--kustomize-max') a.kustomizeMax = Number(argv[++i]);
    else if (x === '--no-large') a.large = false;
    else if (x === '--minimal') a.minimal = argv[++i].split(',').map(Number).filter((n) => n > 0);
    else if (x === '--no-minimal') a.minimal = [];
    else throw new Error(`unknown option ${x}`);
  }
  a.sizes ??= a.small ? [1, 5] : [1, 10, 100, 1000, 10000];
  a.minimal ??= a.small ? MINIMAL[1] : MINIMAL[0];
  return a;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
let timeFile = null;

/**
 * Runs a command; wall time from process.hrtime around the spawn. Under GNU time (when present)
 * also its CPU time (user + system) and peak RSS (%M, KiB), which a loaded machine disturbs less.
 */
function run(cmd, args, { input, env, cwd, measure = false } = {}) {
  const timed = measure && TIME;
  const [c, a] = timed ? [TIME, ['-o', timeFile, '-f', '%U %S %M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c, a, { input, env: env ?? process.env, cwd: cwd ?? ROOT, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  let cpuMs = null;
  let rssKb = null;
  if (timed) {
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (last.length === 3 && last.every(Number.isFinite)) {
      cpuMs = (last[0] + last[1]) * 1000;
      rssKb = last[2];
    }
  }
  return { ms, cpuMs, rssKb, status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

function loadavg() {
  return os.loadavg().map((x) => round(x, 2));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x, d = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Least-squares line through (x, y): slope, intercept and r². */
function fit(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slopeMsPerCr: round(slope, 3), interceptMs: round(my - slope * mx, 1), r2: round(syy === 0 ? 1 : (sxy * sxy) / (sxx * syy), 4) };
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const kubectl = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  let kubectlVersion = null;
  try {
    kubectlVersion = JSON.parse(kubectl.stdout).clientVersion.gitVersion;
  } catch {
    kubectlVersion = null;
  }
  return {
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    cpu: model,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    kubectl: kubectlVersion,
  };
}

function bundleScript(workDir, name) {
  const esbuild = require('esbuild');
  const outfile = path.join(workDir, `${name}.js`);
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Writes a fleet's input, renders it once (checked), and prepares the floor's JSON and the kustomization. */
function prepare(n, dir, env, yaml, STRINGIFY, ours, floor) {
  const { fleet } = require('./fleet');
  fs.mkdirSync(dir, { recursive: true });
  const input = new yaml.Document(fleet(n), STRINGIFY).toString(STRINGIFY);
  const inputFile = path.join(dir, 'input.yaml');
  fs.writeFileSync(inputFile, input);
  const first = run(ours, [], { input, env });
  if (first.status !== 0) throw new Error(`backstage-render failed on ${n} CRs (exit ${first.status}):\n${first.stderr.slice(0, 2000)}`);
  fs.writeFileSync(path.join(dir, 'output.yaml'), first.stdout);
  if (n > FLOOR_MAX) {
    // Counted on the text (items are the `  - ` lines of the ResourceList): parsing hundreds of MB
    // with the `yaml` package here would take longer than the runs.
    const text = first.stdout.toString('latin1');
    const count = (re) => (text.match(re) ?? []).length;
    const generated = count(new RegExp(`^ {8}${RENDERED_FROM.replace(/[./]/g, '\\$&')}: `, 'gm'));
    return { input, inputFile, outJson: null, kdir: null, inputBytes: Buffer.byteLength(input), outputBytes: first.stdout.length, items: count(/^ {2}- /gm), generated, floorOutputIdentical: null };
  }
  const output = first.stdout.toString();
  const rl = yaml.parse(output, { version: '1.1' });
  const outJson = path.join(dir, 'output.json');
  fs.writeFileSync(outJson, JSON.stringify(rl));
  // The floor writes our output with the `yaml` package: it must be our bytes exactly (the fast
  // writer of fn/yaml-writer.ts against the package, on the whole output).
  const floorRun = run(process.execPath, [floor, outJson], { input, env });
  if (floorRun.status !== 0) throw new Error(`floor failed on ${n} CRs: ${floorRun.stderr.slice(0, 1000)}`);
  const floorOutputIdentical = Buffer.compare(floorRun.stdout, first.stdout) === 0;
  const generated = rl.items.filter((o) => o.metadata?.annotations?.[RENDERED_FROM] !== undefined);
  const kdir = path.join(dir, 'kustomization');
  fs.rmSync(kdir, { recursive: true, force: true });
  fs.mkdirSync(kdir, { recursive: true });
  const resources = generated.map((o, i) => {
    const copy = JSON.parse(JSON.stringify(o));
    for (const k of Object.keys(copy.metadata.annotations)) if (k.includes('config.kubernetes.io/')) delete copy.metadata.annotations[k];
    const f = `r${String(i).padStart(6, '0')}.yaml`;
    fs.writeFileSync(path.join(kdir, f), new yaml.Document(copy, STRINGIFY).toString(STRINGIFY));
    return f;
  });
  fs.writeFileSync(path.join(kdir, 'kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((f) => `  - ${f}`).join('\n')}\n`);
  return { input, inputFile, outJson, kdir, inputBytes: Buffer.byteLength(input), outputBytes: Buffer.byteLength(output), items: rl.items.length, generated: generated.length, floorOutputIdentical };
}

function markdown(res) {
  const m = res.machine;
  const lines = [
    `Machine: ${m.cpu}, ${m.nproc} CPUs, ${m.memoryMb} MB; Node ${m.node}; kubectl ${m.kubectl ?? 'absent'}. Runs per point: ${res.settings.runs.join('/')} (median). Load average ${res.settings.loadavgBefore.join(' ')} before, ${res.settings.loadavgAfter.join(' ')} after.`,
    '',
    'Wall ms (CPU ms = user + system in parentheses):',
    '',
    '| CRs | objects out | input KB | output KB | floor output = ours | ours | floor | node -e 0 | kubectl kustomize | ours / floor (CPU) | kustomize / floor | ours RSS MB | floor RSS MB | kustomize RSS MB |',
    '| ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const mb = (kb) => (kb === null ? '–' : String(round(kb / 1024, 0)));
  const t = (x) => (x ? `${x.medianMs}${x.cpuMedianMs !== null ? ` (${x.cpuMedianMs})` : ''}` : '–');
  for (const f of res.fleets) {
    const s = f.subjects;
    lines.push(
      `| ${f.crs} | ${f.generatedObjects} | ${round(f.inputBytes / 1024, 0)} | ${round(f.outputBytes / 1024, 0)} | ${f.floorOutputIdentical === null ? '–' : f.floorOutputIdentical ? 'yes' : 'NO'} | ${t(s.ours)} | ${t(s.floor)} | ${t(s.node)} | ${s.kustomize ? t(s.kustomize) : '–'} | ${f.ratios.oursToFloor ?? '–'} (${f.ratios.oursToFloorCpu ?? '–'}) | ${f.ratios.kustomizeToFloor ?? '–'} | ${mb(s.ours.peakRssKb)} | ${mb(s.floor?.peakRssKb ?? null)} | ${mb(s.kustomize?.peakRssKb ?? null)} |`,
    );
  }
  if (res.fleets.some((f) => f.subjects.baseline)) {
    lines.push('', `Baseline (${res.settings.baseline}) beside ours:`, '', '| CRs | ours | baseline | ours / baseline (CPU) | ours RSS MB | baseline RSS MB |', '| ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const f of res.fleets) {
      const s = f.subjects;
      lines.push(`| ${f.crs} | ${t(s.ours)} | ${t(s.baseline)} | ${f.ratios.oursToBaseline} (${f.ratios.oursToBaselineCpu ?? '–'}) | ${mb(s.ours.peakRssKb)} | ${mb(s.baseline.peakRssKb)} |`);
    }
  }
  const single = res.fleets.find((f) => f.crs === 1);
  if (single) {
    lines.push('', `1 CR beside \`node -e 0\` in the same run (medians of ${single.subjects.ours.runsMs.length} interleaved runs; load average ${res.settings.loadavgBefore.join(' ')} at the start): ours / node -e 0 ${single.ratios.oursToNode} wall (${single.subjects.ours.medianMs} against ${single.subjects.node.medianMs} ms), ${single.ratios.oursToNodeCpu ?? '–'} CPU.`);
  }
  const sm = res.summary;
  lines.push(
    '',
    `Per CR: marginal ${sm.marginalMsPerCr.ours ?? '–'} ms wall, ${sm.marginalCpuMsPerCr.ours ?? '–'} ms CPU (floor ${sm.marginalMsPerCr.floor ?? '–'} / ${sm.marginalCpuMsPerCr.floor ?? '–'}); ` +
      `fitted slope ${sm.fit.ours?.slopeMsPerCr ?? '–'} ms/CR wall, intercept ${sm.fit.ours?.interceptMs ?? '–'} ms, r² ${sm.fit.ours?.r2 ?? '–'}; CPU slope ${sm.fitCpu.ours?.slopeMsPerCr ?? '–'} ms/CR (floor ${sm.fit.floor?.slopeMsPerCr ?? '–'} wall, ${sm.fitCpu.floor?.slopeMsPerCr ?? '–'} CPU).`,
  );
  if (res.large.length > 0) {
    lines.push('', 'Large single inputs (bench/large.js), beside node -e 0:', '', '| input | input MB | output MB | ours wall ms (CPU) | node -e 0 | ours RSS MB | RSS budget MB (300 + 10x input) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const l of res.large) {
      lines.push(`| ${l.what} | ${round(l.inputBytes / 2 ** 20, 1)} | ${round(l.outputBytes / 2 ** 20, 1)} | ${t(l.subjects.ours)} | ${t(l.subjects.node)} | ${mb(l.subjects.ours.peakRssKb)} | ${l.rssBudgetMb} |`);
    }
  }
  if (res.minimal?.length > 0) {
    lines.push('', 'Minimal CRs (`spec: {}`, one namespace each), one run each, output to a file:', '', '| CRs | input MB | output MB | items out | ours wall ms (CPU) | ms per CR wall (CPU) | ours RSS MB |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const m of res.minimal) lines.push(`| ${m.crs} | ${round(m.inputBytes / 2 ** 20, 1)} | ${round(m.outputBytes / 2 ** 20, 0)} | ${m.items} | ${m.ms}${m.cpuMs !== null ? ` (${m.cpuMs})` : ''} | ${m.msPerCr} (${m.cpuMsPerCr ?? '–'}) | ${mb(m.peakRssKb)} |`);
  }
  if (res.writer) {
    const w = res.writer;
    lines.push('', `Writing the ${w.crs}-CR output (${round(w.bytes / 1e6, 1)} MB), CPU ms: fn/yaml-writer.ts ${w.writerMs} (${w.writerMbPerS} MB/s), the yaml package ${w.yamlPackageMs} (${w.yamlPackageMbPerS} MB/s), JSON.stringify ${w.jsonStringifyMs} (${w.jsonStringifyMbPerS} MB/s); same bytes: ${w.identical ? 'yes' : 'NO'}.`);
  }
  if (sm.targets) {
    lines.push('', '| target | value | met |', '| --- | ---: | :---: |');
    for (const [k, t] of Object.entries(sm.targets)) lines.push(`| ${t.what} | ${t.value} | ${t.met ? 'yes' : 'no'} |`);
  }
  return `${lines.join('\n')}\n`;
}

function writeResults(args, fleets, loadBefore, haveKubectl, work, writer, large, minimal = []) {
  const bySize = (k) => fleets.map((f) => [f.crs, f.subjects[k]?.medianMs]).filter(([, y]) => typeof y === 'number');
  const lo = fleets[0];
  const hi = fleets[fleets.length - 1];
  const marginal = (k, f = 'medianMs') => (hi.crs > lo.crs && hi.subjects[k]?.[f] != null ? round((hi.subjects[k][f] - lo.subjects[k][f]) / (hi.crs - lo.crs), 3) : null);
  const bySizeCpu = (k) => fleets.map((f) => [f.crs, f.subjects[k]?.cpuMedianMs]).filter(([, y]) => typeof y === 'number');
  const summary = {
    marginalMsPerCr: { ours: marginal('ours'), floor: marginal('floor'), kustomize: haveKubectl ? marginal('kustomize') : null, between: [lo.crs, hi.crs] },
    marginalCpuMsPerCr: { ours: marginal('ours', 'cpuMedianMs'), floor: marginal('floor', 'cpuMedianMs'), kustomize: haveKubectl ? marginal('kustomize', 'cpuMedianMs') : null },
    fit: { ours: fit(bySize('ours')), floor: fit(bySize('floor')), kustomize: haveKubectl ? fit(bySize('kustomize')) : null },
    fitCpu: { ours: fit(bySizeCpu('ours')), floor: fit(bySizeCpu('floor')) },
    targets: null,
  };
  const one = fleets.find((f) => f.crs === 1);
  const k1 = fleets.find((f) => f.crs === 1000);
  const k10 = fleets.find((f) => f.crs === 10000);
  const rssMbOf = (f) => (f.subjects.ours.peakRssKb === null ? null : round(f.subjects.ours.peakRssKb / 1024, 0));
  if (one && k1) {
    const rssMb = rssMbOf(k1);
    summary.targets = {
      singleCrToNode: { what: `1 CR: ours / node -e 0 <= ${TARGETS.singleCrToNode} (wall; CPU ${one.ratios.oursToNodeCpu ?? '–'})`, value: one.ratios.oursToNode, met: one.ratios.oursToNode <= TARGETS.singleCrToNode },
      crs1000Ms: { what: `1000 CRs <= ${TARGETS.crs1000Ms} ms`, value: k1.subjects.ours.medianMs, met: k1.subjects.ours.medianMs <= TARGETS.crs1000Ms },
      marginalMsPerCr: { what: `marginal cost <= ${TARGETS.marginalMsPerCr} ms per CR (wall, ${lo.crs} to ${hi.crs} CRs)`, value: summary.marginalMsPerCr.ours, met: summary.marginalMsPerCr.ours <= TARGETS.marginalMsPerCr },
      peakRssMb1000: { what: `peak RSS at 1000 CRs <= ${TARGETS.peakRssMb1000} MB`, value: rssMb, met: rssMb !== null && rssMb <= TARGETS.peakRssMb1000 },
      ...(k10 ? { peakRssMb10000: { what: `peak RSS at 10,000 CRs <= ${TARGETS.peakRssMb10000} MB`, value: rssMbOf(k10), met: rssMbOf(k10) !== null && rssMbOf(k10) <= TARGETS.peakRssMb10000 } } : {}),
      linear: { what: 'linear in CRs (r² of the fit >= 0.99)', value: summary.fit.ours?.r2 ?? null, met: (summary.fit.ours?.r2 ?? 0) >= 0.99 },
    };
    const env50000 = large.find((l) => l.name === 'env-50000');
    if (env50000 && !args.small) summary.targets.env50000Ms = { what: `50,000-entry env patch <= ${TARGETS.env50000Ms} ms`, value: env50000.subjects.ours.medianMs, met: env50000.subjects.ours.medianMs <= TARGETS.env50000Ms };
    const ports20000 = large.find((l) => l.name === 'ports-20000');
    if (ports20000 && !args.small) summary.targets.ports20000Ms = { what: `20,000-port patch (two merge keys) <= ${TARGETS.ports20000Ms} ms`, value: ports20000.subjects.ours.medianMs, met: ports20000.subjects.ours.medianMs <= TARGETS.ports20000Ms };
    const m100k = minimal.find((m) => m.crs === 100_000);
    if (m100k) summary.targets.minimal100000 = { what: '100,000 minimal CRs render (exit 0, every CR out)', value: `${round(m100k.ms / 1000, 0)} s, ${round(m100k.peakRssKb / 1024, 0)} MB`, met: true };
    if (minimal.length >= 2) {
      const [lo, hi] = [minimal[0], minimal[minimal.length - 1]];
      const ratio = lo.cpuMsPerCr && hi.cpuMsPerCr ? round(hi.cpuMsPerCr / lo.cpuMsPerCr, 2) : null;
      summary.targets.minimalLinear = { what: `minimal CRs linear: CPU per CR at ${lo.crs} and ${hi.crs} within 25%`, value: ratio, met: ratio !== null && ratio <= 1.25 };
    }
    for (const l of large) summary.targets[`rss-${l.name}`] = { what: `peak RSS, ${l.what} <= ${l.rssBudgetMb} MB (300 MB + 10x the input)`, value: rssMbOf(l), met: l.withinRssBudget };
  }
  const result = {
    when: new Date().toISOString(),
    machine: machine(),
    settings: {
      small: args.small,
      sizes: args.sizes,
      runs: fleets.map((f) => f.subjects.ours.runsMs.length),
      work: args.work ? work : null,
      baseline: args.baseline,
      cpuAndPeakRss: TIME ? '/usr/bin/time -f "%U %S %M"' : null,
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
    },
    fleets,
    summary,
    writer,
    large,
    minimal,
  };
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = markdown(result);
  fs.writeFileSync(path.join(args.out, 'latest.md'), md);
  return md;
}

/** One untimed warm-up each when asked (page cache, lazy OS work), then interleaved timed runs. */
function measure(subjects, runs, warmup, env, label) {
  const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  const rss = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  if (warmup) for (const s of Object.values(subjects)) run(s.cmd, s.args, { input: s.input, env });
  for (let r = 0; r < runs; r++) {
    for (const [k, s] of Object.entries(subjects)) {
      const x = run(s.cmd, s.args, { input: s.input, env, measure: true });
      if (x.status !== 0) throw new Error(`${k} failed on ${label} (exit ${x.status}): ${x.stderr.slice(0, 1000)}`);
      times[k].push(round(x.ms, 2));
      if (x.cpuMs !== null) cpu[k].push(round(x.cpuMs, 0));
      if (x.rssKb !== null) rss[k].push(x.rssKb);
    }
  }
  const out = {};
  for (const k of Object.keys(subjects)) {
    out[k] = {
      medianMs: round(median(times[k])),
      minMs: round(Math.min(...times[k])),
      runsMs: times[k],
      cpuMedianMs: cpu[k].length ? round(median(cpu[k]), 0) : null,
      cpuRunsMs: cpu[k],
      peakRssKb: rss[k].length ? Math.max(...rss[k]) : null,
    };
  }
  return out;
}

/** Minimal CRs (`spec: {}`), each in its own namespace: [sizes of the full run, of --small]. */
const MINIMAL = [[10_000, 100_000], [50]];

/** A ResourceList of n minimal CRs, as text (the `yaml` package would take long to write 100,000). */
function minimalFleetText(n) {
  const parts = ['apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n'];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(6, '0');
    parts.push(`  - apiVersion: rhdh.redhat.com/v1alpha5\n    kind: Backstage\n    metadata:\n      name: portal-${id}\n      namespace: team-${id}\n    spec: {}\n`);
  }
  return parts.join('');
}

/**
 * Fleets of minimal CRs, one run each, output to a file (100,000 CRs write about 4 GB: more than
 * a pipe's buffer here may hold), then counted: every CR and its generated objects came out.
 */
function measureMinimal(args, work, ours, env) {
  const out = [];
  for (const n of args.minimal) {
    const dir = path.join(work, `minimal-${n}`);
    fs.mkdirSync(dir, { recursive: true });
    const inputFile = path.join(dir, 'input.yaml');
    const outputFile = path.join(dir, 'output.yaml');
    fs.writeFileSync(inputFile, minimalFleetText(n));
    const inFd = fs.openSync(inputFile, 'r');
    const outFd = fs.openSync(outputFile, 'w');
    const [c, a] = TIME ? [TIME, ['-o', timeFile, '-f', '%U %S %M', ours]] : [ours, []];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(c, a, { stdio: [inFd, outFd, 'pipe'], env, maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    fs.closeSync(inFd);
    fs.closeSync(outFd);
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`backstage-render failed on ${n} minimal CRs (exit ${r.status}):\n${r.stderr.toString().slice(0, 2000)}`);
    let cpuMs = null;
    let rssKb = null;
    if (TIME) {
      const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      if (last.length === 3 && last.every(Number.isFinite)) [cpuMs, rssKb] = [(last[0] + last[1]) * 1000, last[2]];
    }
    const count = (re) => Number(spawnSync('grep', ['-c', '-E', re, outputFile], { encoding: 'utf8' }).stdout.trim() || 0);
    const generated = count(`^        ${RENDERED_FROM.replace(/\./g, '\\.')}: `);
    const crs = count('^    kind: Backstage$');
    if (crs !== n) throw new Error(`${n} minimal CRs: ${crs} CRs came out`);
    const inputBytes = fs.statSync(inputFile).size;
    const outputBytes = fs.statSync(outputFile).size;
    fs.rmSync(outputFile);
    out.push({ crs: n, inputBytes, outputBytes, items: crs + generated, generated, ms: round(ms), cpuMs: round(cpuMs, 0), peakRssKb: rssKb, msPerCr: round(ms / n, 3), cpuMsPerCr: cpuMs === null ? null : round(cpuMs / n, 3) });
    process.stderr.write(`${n} minimal CRs: ${round(ms)} ms (cpu ${round(cpuMs, 0)}), ${rssKb === null ? '–' : round(rssKb / 1024, 0)} MB, ${round(outputBytes / 2 ** 20, 0)} MB out; load ${loadavg().join(' ')}\n`);
  }
  return out;
}

/** The large single inputs (LARGE), each beside node -e 0; memory against the per-input budget. */
function measureLarge(args, work, ours, env) {
  const large = require('./large');
  const out = [];
  for (const [name, whatFor, gen, full, small, runs] of LARGE) {
    const size = args.small ? small : full;
    const what = whatFor(size);
    const input = large[gen](size);
    const dir = path.join(work, `large-${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'input.yaml'), input);
    const first = run(ours, [], { input, env });
    if (first.status !== 0) throw new Error(`backstage-render failed on ${name} (exit ${first.status}):\n${first.stderr.slice(0, 2000)}`);
    const subjects = { ours: { cmd: ours, args: [], input }, node: { cmd: process.execPath, args: ['-e', '0'] } };
    const s = measure(subjects, args.runs ?? (args.small ? 1 : runs), false, env, name);
    const inputBytes = Buffer.byteLength(input);
    const budgetMb = round(TARGETS.inputRssBaseMb + (TARGETS.inputRssPerMb * inputBytes) / 2 ** 20, 0);
    const rssMb = s.ours.peakRssKb === null ? null : round(s.ours.peakRssKb / 1024, 0);
    out.push({ name, what, inputBytes, outputBytes: first.stdout.length, subjects: s, rssBudgetMb: budgetMb, withinRssBudget: rssMb === null ? null : rssMb <= budgetMb });
    process.stderr.write(`${name}: ours ${s.ours.medianMs} ms (cpu ${s.ours.cpuMedianMs}), ${rssMb} MB (budget ${budgetMb}); load ${loadavg().join(' ')}\n`);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) {
    const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('bundle build failed');
  }
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build`);
  const yaml = require('yaml');
  // fn/yaml.ts STRINGIFY (the floor bundles fn/yaml.ts itself); used here only to write inputs.
  const STRINGIFY = { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0, indentSeq: true, directives: false };
  const work = args.work ?? fs.mkdtempSync(path.join(os.tmpdir(), 'backstage-render-bench-'));
  fs.mkdirSync(work, { recursive: true });
  const floor = bundleScript(work, 'floor');
  const writerSpeed = bundleScript(work, 'writer-speed');
  // Measure a copy: rebuilding dist/ while the bench runs must not change what is measured. Ours
  // is bin/backstage-render as kpt and kustomize run it: beside it the bundle, and the start-up
  // snapshot the build made for this node (dist/backstage-render.blob and its node link), when
  // there is one; bin/ starts from it only if it is this node's (docs/performance.md, Start-up).
  fs.mkdirSync(path.join(work, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(work, 'dist'), { recursive: true });
  const bundle = path.join(work, 'dist', 'backstage-render.js');
  fs.copyFileSync(BUNDLE, bundle);
  const ours = path.join(work, 'bin', 'backstage-render');
  fs.copyFileSync(path.join(ROOT, 'bin', 'backstage-render'), ours);
  fs.chmodSync(ours, 0o755);
  const blob = path.join(ROOT, 'dist', 'backstage-render.blob');
  const snapshot = fs.existsSync(blob) && fs.existsSync(`${blob}.node`);
  if (snapshot) {
    fs.copyFileSync(blob, path.join(work, 'dist', 'backstage-render.blob'));
    fs.rmSync(path.join(work, 'dist', 'backstage-render.blob.node'), { force: true });
    fs.symlinkSync(fs.readlinkSync(`${blob}.node`), path.join(work, 'dist', 'backstage-render.blob.node'));
  }
  process.stderr.write(`ours: ${ours} (${snapshot ? 'with the start-up snapshot of the build' : 'no start-up snapshot: the bundle'})\n`);
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', [SEED_ENV]: 'bench-seed-0123456789abcdef' };
  const haveKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

  timeFile = path.join(work, 'time.txt');
  const loadBefore = loadavg();
  const fleets = [];
  for (const n of args.sizes) {
    const dir = path.join(work, `fleet-${n}`);
    const p = prepare(n, dir, env, yaml, STRINGIFY, ours, floor);
    const subjects = {
      ours: { cmd: ours, args: [], input: p.input },
      ...(p.outJson ? { floor: { cmd: process.execPath, args: [floor, p.outJson], input: p.input } } : {}),
      node: { cmd: process.execPath, args: ['-e', '0'] },
    };
    if (haveKubectl && p.kdir && n <= args.kustomizeMax) subjects.kustomize = { cmd: 'kubectl', args: ['kustomize', p.kdir] };
    if (args.baseline) subjects.baseline = { cmd: process.execPath, args: [args.baseline], input: p.input };
    const runs = args.runs ?? (args.small ? 1 : n > 1000 ? 2 : n >= 1000 ? 3 : n >= 100 ? 5 : 7);
    const out = measure(subjects, runs, !args.small && n < 1000, env, `${n} CRs`);
    const ratio = (a, b) => (a && b ? round(a / b, 2) : null);
    fleets.push({
      crs: n,
      inputBytes: p.inputBytes,
      outputBytes: p.outputBytes,
      outputItems: p.items,
      generatedObjects: p.generated,
      floorOutputIdentical: p.floorOutputIdentical,
      subjects: out,
      ratios: {
        oursToFloor: out.floor ? ratio(out.ours.medianMs, out.floor.medianMs) : null,
        oursToFloorCpu: out.floor ? ratio(out.ours.cpuMedianMs, out.floor.cpuMedianMs) : null,
        oursToNode: ratio(out.ours.medianMs, out.node.medianMs),
        oursToNodeCpu: ratio(out.ours.cpuMedianMs, out.node.cpuMedianMs),
        floorToNode: out.floor ? ratio(out.floor.medianMs, out.node.medianMs) : null,
        kustomizeToFloor: out.kustomize ? ratio(out.kustomize.medianMs, out.floor.medianMs) : null,
        oursToKustomize: out.kustomize ? ratio(out.ours.medianMs, out.kustomize.medianMs) : null,
        ...(out.baseline ? { oursToBaseline: ratio(out.ours.medianMs, out.baseline.medianMs), oursToBaselineCpu: ratio(out.ours.cpuMedianMs, out.baseline.cpuMedianMs) } : {}),
      },
    });
    writeResults(args, fleets, loadBefore, haveKubectl, work, null, []);
    process.stderr.write(`${n} CRs: ours / node -e 0 ${fleets[fleets.length - 1].ratios.oursToNode} wall, ${fleets[fleets.length - 1].ratios.oursToNodeCpu} CPU; ours ${out.ours.medianMs} ms (cpu ${out.ours.cpuMedianMs}), floor ${out.floor?.medianMs ?? "–"} ms (cpu ${out.floor?.cpuMedianMs ?? "–"}), node ${out.node.medianMs} ms${out.kustomize ? `, kustomize ${out.kustomize.medianMs} ms` : ''}; load ${loadavg().join(' ')}\n`);
  }

  const large = args.large ? measureLarge(args, work, ours, env) : [];
  const minimal = measureMinimal(args, work, ours, env);

  // The writer against the `yaml` package on the largest output the floor was prepared for, in one process.
  const largest = [...fleets].reverse().find((f) => f.crs <= FLOOR_MAX) ?? fleets[0];
  const ws = run(process.execPath, [writerSpeed, path.join(work, `fleet-${largest.crs}`, 'output.json')], { env });
  if (ws.status !== 0) throw new Error(`writer-speed failed: ${ws.stderr.slice(0, 1000)}`);
  const writer = { crs: largest.crs, ...JSON.parse(ws.stdout.toString()) };
  const md = writeResults(args, fleets, loadBefore, haveKubectl, work, writer, large, minimal);
  process.stdout.write(md);
  if (!args.work) fs.rmSync(work, { recursive: true, force: true });
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 1;
}
