// The door-level pieces of delivery: what render --include-inputs prints, kpt subpackage items,
// and the diff's matching rules on small objects.
import { extraOptionsOf, objectsToPrint } from '../../cli/commands/extra-options';
import { optionFlagValues } from '../../cli/option-flags';
import { formatResult } from '../../cli/report';
import { splitSubpackageItems } from '../../cli/commands/kpt-subpackages';
import { diffObjects, formatDiff } from '../../cli/diff';
import type { KObject } from '../../fn/kio/types';
import { REPO_ROOT } from '../helpers';

const cm = (name: string, annotations: Record<string, string> = {}): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'rhdh', ...(Object.keys(annotations).length ? { annotations } : {}) } });
const secret = (name: string, annotations: Record<string, string> = {}): KObject => ({ ...cm(name, annotations), kind: 'Secret' });

describe('objectsToPrint (render --include-inputs)', () => {
  const generated = [secret('backstage-psql-secret-dh', { 'backstage-render.dev/rendered-from': 'rhdh/dh', 'internal.config.kubernetes.io/path': 'rendered/x.yaml' })];
  const items = [
    cm('app-config'),
    { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'dh', namespace: 'rhdh', annotations: { 'config.kubernetes.io/local-config': 'true' } } },
    { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'render' } },
    cm('profile-cm', { 'config.kubernetes.io/local-config': 'true' }),
    secret('backstage-psql-secret-dh'), // the live DB Secret fed back: the rendered one replaces it
    ...generated,
  ] as KObject[];

  test('without: the generated objects, bookkeeping annotations dropped', () => {
    expect(objectsToPrint({ items, generated }, false)).toEqual([secret('backstage-psql-secret-dh', { 'backstage-render.dev/rendered-from': 'rhdh/dh' })]);
  });

  test('with: plus the inputs to apply, in apply order; not the CR, local-config, the function config, or a fed-back input', () => {
    expect(objectsToPrint({ items, generated }, true)).toEqual([secret('backstage-psql-secret-dh', { 'backstage-render.dev/rendered-from': 'rhdh/dh' }), cm('app-config')]);
  });
});

describe('splitSubpackageItems (kpt)', () => {
  const at = (name: string, pkg?: string, kind = 'ConfigMap', extra: Record<string, unknown> = {}): KObject => ({
    ...cm(name, pkg ? { 'internal.config.kubernetes.io/package-path': pkg } : {}),
    kind,
    ...(kind === 'RenderBackstage' ? { apiVersion: 'fn.kpt.dev/v1alpha1' } : kind === 'Kptfile' ? { apiVersion: 'kpt.dev/v1' } : {}),
    ...extra,
  });

  test('subpackages that render themselves (a RenderBackstage, or a Kptfile running backstage-render) are left alone, with what is below them', () => {
    const items = [
      at('root-a', '/r'),
      at('render', '/r/examples/kpt', 'RenderBackstage'),
      at('sub-b', '/r/examples/kpt/'),
      at('sub-sub', '/r/examples/kpt/nested'),
      at('img', '/r/img', 'Kptfile', { pipeline: { mutators: [{ image: 'ghcr.io/backstage-render/backstage-render:0.1.0' }] } }),
      at('img-cm', '/r/img'),
      at('plain', '/r/plain', 'Kptfile'),
      at('plain-cm', '/r/plain'),
      at('none'),
    ];
    expect(splitSubpackageItems(items)).toEqual({ own: [items[0], items[6], items[7], items[8]], subpackages: [items[1], items[2], items[3], items[4], items[5]] });
  });

  test('one package, no annotations, subpackages without our pipeline, or unrelated paths: everything is ours', () => {
    const one = [at('a', '/r'), at('b', '/r')];
    expect(splitSubpackageItems(one)).toEqual({ own: one, subpackages: [] });
    const plain = [at('a', '/r'), at('k', '/r/sub', 'Kptfile', { pipeline: { mutators: [{ image: 'set-labels' }] } }), at('b', '/r/sub')];
    expect(splitSubpackageItems(plain)).toEqual({ own: plain, subpackages: [] });
    const unrelated = [at('a', '/x'), at('b', '/y', 'RenderBackstage')];
    expect(splitSubpackageItems(unrelated)).toEqual({ own: unrelated, subpackages: [] });
    expect(splitSubpackageItems([at('a')])).toEqual({ own: [at('a')], subpackages: [] });
  });
});

describe('diff matching', () => {
  test('by group, kind, namespace and name, not version; cluster-scoped objects print without namespace', () => {
    const ours: KObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ verbs: ['get'] }] };
    const theirs: KObject = { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ verbs: ['list'] }] };
    expect(formatDiff(diffObjects({ rendered: [ours], against: [theirs], crs: [] }))).toBe('~ ClusterRole r\n    rules[0].verbs[0]: "list" -> "get"\n');
  });

  test('deletions: only objects of a rendered CR, never ones another controller owns', () => {
    const crs = [{ namespace: 'rhdh', name: 'dh' }];
    const labelled = (name: string, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'rhdh', labels: { 'app.kubernetes.io/instance': 'dh' }, ...extra } });
    const against = [
      labelled('old-one'),
      labelled('owned', { ownerReferences: [{ kind: 'ReplicaSet', name: 'x' }] }),
      labelled('owned-by-cr', { ownerReferences: [{ kind: 'Backstage', name: 'dh' }] }),
      cm('from-other-cr', { 'backstage-render.dev/rendered-from': 'rhdh/other' }),
      cm('from-this-cr', { 'backstage-render.dev/rendered-from': 'rhdh/dh' }),
      { ...labelled('other-namespace'), metadata: { ...labelled('x').metadata, name: 'other-namespace', namespace: 'elsewhere' } },
    ] as KObject[];
    expect(formatDiff(diffObjects({ rendered: [], against, crs }))).toBe('- ConfigMap rhdh/from-this-cr\n- ConfigMap rhdh/old-one\n- ConfigMap rhdh/owned-by-cr\n');
  });

  test('Secret values are masked wherever they change, and stringData compares as data', () => {
    const ours: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'rhdh' }, stringData: { A: 'new-a', C: 'c' } };
    const theirs: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'rhdh', uid: 'u' }, data: { A: Buffer.from('old-a').toString('base64'), B: 'Yg==', C: 'Yw==' }, type: 'Opaque' };
    const text = formatDiff(diffObjects({ rendered: [ours], against: [theirs], crs: [] }));
    expect(text).toBe('~ Secret rhdh/s\n    data.A: (secret value) -> (other secret value)\n    data.B: (secret value) -> (absent)\n');
  });
});

describe('CLI flags of the options (cli/option-flags.ts) and extraOptionsOf', () => {
  test('flags become options; bad values are errors naming the flag; --include-inputs goes with -o', () => {
    expect(optionFlagValues({ jobMode: 'hash-name', pinImage: ['a:latest=sha256:' + '0'.repeat(64)], pruneLabel: 'true', syncWaves: true })).toEqual({
      flags: { jobMode: 'hash-name', pinImages: { 'a:latest': 'sha256:' + '0'.repeat(64) }, pruneLabel: 'app.kubernetes.io/managed-by=backstage-render', syncWaves: true },
      errors: [],
    });
    expect(optionFlagValues({ pinImage: ['nopin'], pruneLabel: '=x' }).errors.map(formatResult)).toEqual([
      'error: option "pinImages": "nopin" is not a pin; a pin is image[:tag]=[repo]@sha256:<64 hex digits> or image[:tag]=:tag (field --pin-image)',
      'error: option "pruneLabel" must be true, false or key=value (a valid label) (field --prune-label)',
    ]);
    expect(extraOptionsOf({ includeInputs: true, output: 'out' }, '/').errors).toEqual([]);
  });

  test('--config reads one function config object; a missing file is an error', () => {
    expect(extraOptionsOf({ config: 'example/render.yaml' }, REPO_ROOT).functionConfig?.kind).toBe('RenderBackstage');
    expect(extraOptionsOf({ config: 'nowhere.yaml' }, REPO_ROOT).errors).toEqual([expect.stringMatching(/^--config nowhere\.yaml: no such file or directory/)]);
  });
});

describe('diff: what OpenShift adds to namespaces and service accounts', () => {
  test('controller-populated annotations and labels count as equal; others do not', () => {
    const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rhdh', labels: { team: 'a' } } };
    const live: KObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'rhdh',
        uid: 'u',
        labels: { team: 'b', 'kubernetes.io/metadata.name': 'rhdh', 'pod-security.kubernetes.io/audit': 'restricted' },
        annotations: { 'openshift.io/sa.scc.mcs': 's0:c26,c15', 'openshift.io/sa.scc.uid-range': '1000680000/10000' },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    expect(formatDiff(diffObjects({ rendered: [ns], against: [live], crs: [] }))).toBe('~ Namespace rhdh\n    metadata.labels.team: "b" -> "a"\n');
    const sa: KObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x', namespace: 'rhdh' } };
    const liveSa: KObject = { ...sa, metadata: { ...sa.metadata, uid: 'u', annotations: { 'openshift.io/internal-registry-pull-secret-ref': 'x-dockercfg-abc' } }, imagePullSecrets: [{ name: 'x-dockercfg-abc' }] };
    expect(diffObjects({ rendered: [sa], against: [liveSa], crs: [] })).toEqual([]);
  });
});
