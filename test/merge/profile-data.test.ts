// Merges the operator's real profile files (../shared/operator-data, read only):
// the lightspeed flavour onto the rhdh deployment and the `.k8s` platform
// patches onto their documents, as the operator does (append), and the same
// pairs in prepend mode against kubectl kustomize.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strategicMerge } from '../../fn/merge/strategic-merge';
import { parseYaml } from '../../fn/yaml';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { MergeCase, caseId, kustomizeAll } from './kustomize';
import { expectSame, frozen } from './same';

type Obj = Record<string, unknown>;
const PROFILE = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'config', 'profile', 'rhdh', 'default-config');
const read = (file: string) => frozen(parseYaml(fs.readFileSync(path.join(PROFILE, file), 'utf8')) as Obj);
const podSpec = (d: unknown) => ((d as Obj).spec as { template: { spec: Obj } }).template.spec;

describeWithShared('rhdh profile (release-1.10) merges', () => {
  test('lightspeed flavour onto the deployment: flavour init containers, containers and volumes follow the base ones', () => {
    const base = read('deployment.yaml');
    const flavour = read('flavours/lightspeed/deployment.yaml');
    // the flavour only adds list items whose names the base does not have
    for (const list of ['initContainers', 'containers', 'volumes']) {
      const baseNames = (podSpec(base)[list] as Obj[]).map((i) => i.name);
      expect((podSpec(flavour)[list] as Obj[]).filter((i) => baseNames.includes(i.name))).toEqual([]);
    }
    const merged = strategicMerge(base, flavour);
    const expected = structuredClone(base);
    for (const list of ['initContainers', 'containers', 'volumes']) {
      podSpec(expected)[list] = [...(podSpec(base)[list] as Obj[]), ...(podSpec(flavour)[list] as Obj[])];
    }
    expectSame(merged, expected);
    expect((podSpec(merged).containers as Obj[]).map((c) => c.name)).toEqual(['backstage-backend', 'lightspeed-core']);
  });

  test('deployment.yaml.k8s adds the pod securityContext (the patch has no apiVersion or kind)', () => {
    const base = read('deployment.yaml');
    const merged = strategicMerge(base, read('deployment.yaml.k8s'));
    const expected = structuredClone(base);
    podSpec(expected).securityContext = { fsGroup: 1001 };
    expectSame(merged, expected);
  });

  test('db-statefulset.yaml.k8s adds the pod securityContext', () => {
    const base = read('db-statefulset.yaml');
    const expected = structuredClone(base);
    podSpec(expected).securityContext = { fsGroup: 1001 };
    expectSame(strategicMerge(base, read('db-statefulset.yaml.k8s')), expected);
  });

  test('service.yaml.k8s turns the Service into a NodePort in place', () => {
    const base = read('service.yaml');
    const expected = structuredClone(base);
    (expected.spec as Obj).type = 'NodePort';
    expectSame(strategicMerge(base, read('service.yaml.k8s')), expected);
    expect(Object.keys(expected.spec as Obj)[0]).toBe('type');
  });

  test('the same merges in prepend mode equal kubectl kustomize', () => {
    const named = (o: Obj, name: string, like: Obj): Obj => ({ ...o, apiVersion: like.apiVersion, kind: like.kind, metadata: { ...((o.metadata as Obj) ?? {}), name } });
    const pairs: Array<[string, string]> = [
      ['deployment.yaml', 'flavours/lightspeed/deployment.yaml'],
      ['deployment.yaml', 'deployment.yaml.k8s'],
      ['db-statefulset.yaml', 'db-statefulset.yaml.k8s'],
      ['service.yaml', 'service.yaml.k8s'],
    ];
    const cases: MergeCase[] = pairs.map(([b, p], i) => {
      const base = read(b);
      return { name: `${p} onto ${b}`, base: named(base, `profile-${i}`, base), patch: named(read(p), `profile-${i}`, base) };
    });
    const reference = kustomizeAll(cases);
    for (const c of cases) expect([c.name, strategicMerge(c.base, c.patch, { listIncreaseDirection: 'prepend' })]).toEqual([c.name, reference.get(caseId(c))]);
  });
});
