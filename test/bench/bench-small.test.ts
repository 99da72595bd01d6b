// The benchmark in small mode (`npm run bench -- --small`): it runs end to end, writes results of
// the documented shape, and what it measured is what the CLI renders. No timing is asserted:
// shared CI machines are too noisy for that.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withoutPathAnnotations } from '../../fn/finish';
import { ANNOTATION_RENDERED_FROM, type KObject } from '../../fn/kio/types';
import { parseYaml, parseYamlDocuments } from '../../fn/yaml';
import { BIN, REPO_ROOT, run, tmpDir } from '../helpers';

const SUBJECT_KEYS = ['medianMs', 'minMs', 'runsMs', 'cpuMedianMs', 'cpuRunsMs', 'peakRssKb'];

describe('bench --small', () => {
  const out = tmpDir('bench-out');
  const work = tmpDir('bench-work');
  let result: Record<string, any>;

  beforeAll(() => {
    // The bundle is built by test/global-setup.js.
    const r = run(process.execPath, [path.join(REPO_ROOT, 'bench', 'bench.js'), '--small', '--no-build', '--out', out, '--work', work], { timeout: 300000 });
    expect(r.stderr).not.toMatch(/^bench:/m);
    expect(r.status).toBe(0);
    result = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'));
  });

  test('writes latest.json of the documented shape and latest.md', () => {
    expect(Object.keys(result)).toEqual(['when', 'machine', 'settings', 'fleets', 'summary', 'writer', 'large', 'minimal']);
    expect(Object.keys(result.writer)).toEqual(['crs', 'bytes', 'identical', 'writerMs', 'yamlPackageMs', 'jsonStringifyMs', 'writerMbPerS', 'yamlPackageMbPerS', 'jsonStringifyMbPerS']);
    expect(result.writer.crs).toBe(5);
    expect(result.writer.identical).toBe(true);
    expect(result.writer.bytes).toBe(result.fleets[1].outputBytes);
    expect(Object.keys(result.machine)).toEqual(['nproc', 'cpu', 'memoryMb', 'node', 'platform', 'kubectl']);
    expect(result.machine.node).toBe(process.version);
    expect(result.settings.small).toBe(true);
    expect(result.settings.sizes).toEqual([1, 5]);
    expect(result.settings.runs).toEqual([1, 1]);
    expect(result.fleets.map((f: { crs: number }) => f.crs)).toEqual([1, 5]);
    const haveKubectl = run('sh', ['-c', 'command -v kubectl']).status === 0;
    for (const f of result.fleets) {
      expect(Object.keys(f)).toEqual(['crs', 'inputBytes', 'outputBytes', 'outputItems', 'generatedObjects', 'floorOutputIdentical', 'subjects', 'ratios']);
      // The floor wrote our output with the `yaml` package: the same bytes as our fast writer.
      expect(f.floorOutputIdentical).toBe(true);
      expect(Object.keys(f.subjects)).toEqual(haveKubectl ? ['ours', 'floor', 'node', 'kustomize'] : ['ours', 'floor', 'node']);
      for (const s of Object.values(f.subjects) as Array<Record<string, unknown>>) {
        expect(Object.keys(s)).toEqual(SUBJECT_KEYS);
        expect(typeof s.medianMs).toBe('number');
        expect((s.runsMs as number[]).length).toBe(1);
      }
      expect(Object.keys(f.ratios)).toEqual(['oursToFloor', 'oursToFloorCpu', 'oursToNode', 'oursToNodeCpu', 'floorToNode', 'kustomizeToFloor', 'oursToKustomize']);
      expect(f.ratios.oursToFloor).toBeCloseTo(f.subjects.ours.medianMs / f.subjects.floor.medianMs, 1);
    }
    expect(Object.keys(result.summary)).toEqual(['marginalMsPerCr', 'marginalCpuMsPerCr', 'fit', 'fitCpu', 'targets']);
    expect(result.summary.marginalMsPerCr.between).toEqual([1, 5]);
    expect(Object.keys(result.summary.fit.ours)).toEqual(['slopeMsPerCr', 'interceptMs', 'r2']);
    // Targets are judged only on a full run (1 and 1000 CRs).
    expect(result.summary.targets).toBeNull();
    // The large single inputs, small: each rendered, measured beside node -e 0, with its memory budget.
    expect(result.large.map((l: { name: string }) => l.name)).toEqual(['env-50000', 'volumes-20000', 'ports-20000', 'dynamic-plugins-50mb']);
    for (const l of result.large) {
      expect(Object.keys(l)).toEqual(['name', 'what', 'inputBytes', 'outputBytes', 'subjects', 'rssBudgetMb', 'withinRssBudget']);
      expect(Object.keys(l.subjects)).toEqual(['ours', 'node']);
      expect(l.outputBytes).toBeGreaterThan(l.inputBytes);
      expect(l.rssBudgetMb).toBe(Math.round(300 + (10 * l.inputBytes) / 2 ** 20));
    }
    expect(result.large[0].what).toBe('deployment patch with 500 env entries');
    // The fleet of minimal CRs, small: every CR and its 12 objects came out (counted in the output file).
    expect(result.minimal.map((m: { crs: number }) => m.crs)).toEqual([50]);
    expect(Object.keys(result.minimal[0])).toEqual(['crs', 'inputBytes', 'outputBytes', 'items', 'generated', 'ms', 'cpuMs', 'peakRssKb', 'msPerCr', 'cpuMsPerCr']);
    expect([result.minimal[0].items, result.minimal[0].generated]).toEqual([650, 600]);
    const md = fs.readFileSync(path.join(out, 'latest.md'), 'utf8');
    expect(md).toContain('| CRs | objects out |');
    expect(md.split('\n').filter((l) => /^\| [15] \|/.test(l))).toHaveLength(2);
  });

  test('the fleets hold the documented mix, and what the bench rendered is what the CLI renders', () => {
    for (const f of result.fleets) {
      const dir = path.join(work, `fleet-${f.crs}`);
      const input = parseYaml(fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8')) as { items: KObject[] };
      expect(input.items.filter((o) => o.kind === 'Backstage')).toHaveLength(f.crs);
      const krm = parseYaml(fs.readFileSync(path.join(dir, 'output.yaml'), 'utf8')) as { kind: string; items: KObject[] };
      expect(krm.kind).toBe('ResourceList');
      expect(krm.items).toHaveLength(f.outputItems);
      const generated = krm.items.filter((o) => o.metadata.annotations?.[ANNOTATION_RENDERED_FROM] !== undefined).map(withoutPathAnnotations);
      expect(generated).toHaveLength(f.generatedObjects);

      const cli = run(BIN, ['render', path.join(dir, 'input.yaml')], { env: { BACKSTAGE_RENDER_SECRET_SEED: 'bench-seed-0123456789abcdef' } });
      expect(cli.status).toBe(0);
      expect(generated).toEqual(parseYamlDocuments(cli.stdout));
      // The floor was handed exactly our output.
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'output.json'), 'utf8'))).toEqual(krm);
      // kustomize built the same objects.
      if (f.subjects.kustomize) {
        const k = fs.readFileSync(path.join(dir, 'kustomization', 'kustomization.yaml'), 'utf8');
        expect((k.match(/^ {2}- r\d+\.yaml$/gm) ?? []).length).toBe(f.generatedObjects);
      }
    }
    // 1 CR is the mix's first case (app-config: 7 referenced ConfigMaps/Secrets beside the CR);
    // 5 CRs add a plugins ConfigMap with sonataflow, tekton (+ argocd disabled), the orchestrator flavour, argocd.
    const five = parseYaml(fs.readFileSync(path.join(work, 'fleet-5', 'input.yaml'), 'utf8')) as { items: KObject[] };
    expect(five.items.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Backstage team-0000/developer-hub',
      'ConfigMap team-0000/app-config-main',
      'ConfigMap team-0000/app-config-extra',
      'ConfigMap team-0000/catalog-files',
      'ConfigMap team-0000/single-file',
      'Secret team-0000/tls-files',
      'ConfigMap team-0000/env-config',
      'Secret team-0000/env-secrets',
      'Backstage team-0001/portal-0001',
      'ConfigMap team-0001/dynamic-plugins',
      'Backstage team-0002/developer-hub',
      'ConfigMap team-0002/dynamic-plugins',
      'Backstage team-0003/portal-0003',
      'Backstage team-0004/developer-hub',
      'ConfigMap team-0004/dynamic-plugins',
    ]);
    const krm5 = parseYaml(fs.readFileSync(path.join(work, 'fleet-5', 'output.yaml'), 'utf8')) as { items: KObject[] };
    const kinds = new Set(krm5.items.map((o) => o.kind));
    for (const k of ['SonataFlowPlatform', 'Task', 'Pipeline', 'AppProject', 'Deployment', 'StatefulSet']) expect(kinds).toContain(k);
  });
});
