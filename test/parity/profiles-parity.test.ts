// Our embedded profiles carry the operator's release-1.10 defaults: rendering with them, with the
// operator's own profile directory (--profile DIR) and with its install manifest's ConfigMaps in
// the input must give the same objects. Older and newer operator profiles must render too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { isObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_DATA, REPO_ROOT, describeWithShared } from '../helpers';

const RELEASES = ['rhdh-operator-1.9.8', 'rhdh-operator-release-1.10', 'rhdh-operator-c0cb1c9'];
const SEED = 'parity-seed-0123456789abcdef';

function read(file: string): KObject[] {
  return parseYamlDocuments(fs.readFileSync(file, 'utf8')) as KObject[];
}

/** Data values that hold YAML compare as parsed values (our profiles drop the operator's comments). */
function comparable(objects: KObject[]): unknown[] {
  return objects.map((o) => {
    if (!isObject(o.data) && !isObject(o.stringData)) return o;
    const out = JSON.parse(JSON.stringify(o));
    for (const field of ['data', 'stringData']) {
      if (!isObject(out[field])) continue;
      for (const [k, v] of Object.entries(out[field] as Record<string, string>)) {
        if (/\.ya?ml$/.test(k)) (out[field] as Record<string, unknown>)[k] = parseYamlDocuments(v);
      }
    }
    return out;
  });
}

const CRS: Record<string, string> = {
  minimal: 'apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata:\n  name: hub\n  namespace: ns\n',
  'orchestrator and monitoring': [
    'apiVersion: rhdh.redhat.com/v1alpha5',
    'kind: Backstage',
    'metadata:',
    '  name: hub',
    '  namespace: ns',
    'spec:',
    '  monitoring:',
    '    enabled: true',
    '  flavours:',
    '    - name: orchestrator',
    '  deployment:',
    '    kind: StatefulSet',
    '',
  ].join('\n'),
};

function render(items: KObject[], profileDir: string | undefined, profileName: string, platform: 'openshift' | 'kubernetes') {
  const options = withDefaults({ secretSeed: SEED, platform, ingressDomain: 'apps.example.com', profile: profileName });
  const profile = profileDir ? loadProfileDir(profileDir, profileDir) : loadProfileDir(path.join(REPO_ROOT, 'profiles', profileName), profileName);
  return renderBackstage({ items, options, profile });
}

describeWithShared('profile parity with the operator (release-1.10)', () => {
  for (const profileName of ['rhdh', 'backstage.io']) {
    const opDir = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'config', 'profile', profileName);
    for (const platform of ['openshift', 'kubernetes'] as const) {
      for (const [crName, crText] of Object.entries(CRS)) {
        if (profileName === 'backstage.io' && crName !== 'minimal') continue;
        test(`${profileName}, ${platform}, ${crName}: embedded profile = operator directory = install manifest`, () => {
          const cr = parseYamlDocuments(crText) as KObject[];
          const ours = render(cr, undefined, profileName, platform);
          const theirs = render(cr, opDir, profileName, platform);
          expect(ours.results.filter((r) => r.severity === 'error')).toEqual([]);
          expect(ours.generated.length).toBeGreaterThan(5);
          expect(comparable(theirs.generated)).toEqual(comparable(ours.generated));

          // The install manifest's ConfigMaps, marked local-config, as a profile in the input.
          const manifest = read(path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'dist', profileName, 'install.yaml'))
            .filter((o) => o.kind === 'ConfigMap')
            .map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), 'config.kubernetes.io/local-config': 'true' } } }));
          const viaManifest = render([...cr, ...manifest], undefined, 'rhdh', platform);
          expect(viaManifest.results.filter((r) => r.severity === 'error')).toEqual([]);
          // The operator's backstage.io install manifest ships no route.yaml (its profile directory
          // does): there the manifest gives what our profile gives without that file.
          const shipsRoute = manifest.some((cm) => /default-config$/.test(cm.metadata.name ?? "") && ((cm as KObject).data as Record<string, string>)['route.yaml'] !== undefined);
          let reference = ours;
          if (!shipsRoute) {
            const profile = loadProfileDir(path.join(REPO_ROOT, 'profiles', profileName), profileName);
            delete profile.files['default-config/route.yaml'];
            const options = withDefaults({ secretSeed: SEED, platform, ingressDomain: 'apps.example.com', profile: profileName });
            reference = renderBackstage({ items: cr, options, profile });
            expect(reference.generated.some((o) => o.kind === 'Route')).toBe(false);
          }
          expect(comparable(viaManifest.generated)).toEqual(comparable(reference.generated));
        });
      }
    }
  }
});

describeWithShared('older and newer operator profiles render', () => {
  for (const release of RELEASES) {
    for (const profileName of ['rhdh', 'backstage.io']) {
      test(`${release} ${profileName}`, () => {
        const dir = path.join(OPERATOR_DATA, release, 'config', 'profile', profileName);
        const out = render(parseYamlDocuments(CRS.minimal) as KObject[], dir, profileName, 'openshift');
        expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
        const kinds = out.generated.map((o) => o.kind);
        expect(kinds).toContain('Deployment');
        expect(kinds).toContain('Service');
        expect(kinds).toContain('Route');
      });
    }
  }
});

describeWithShared("every example CR in the operator's examples/ renders", () => {
  const cases: Array<[string, string]> = [];
  for (const release of RELEASES) {
    const dir = path.join(OPERATOR_DATA, release, 'examples');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.yaml')) cases.push([release, f]);
  }
  test.each(cases)('%s examples/%s', (release, file) => {
    const items = read(path.join(OPERATOR_DATA, release, 'examples', file));
    const out = render(items, undefined, 'rhdh', 'openshift');
    // Nothing crashes; every error names a field or a file; objects come out when there is no error.
    for (const r of out.results) {
      expect(['error', 'warning', 'info']).toContain(r.severity);
      if (r.severity === 'error') expect(r.field?.path ?? r.file?.path ?? r.resourceRef).toBeTruthy();
    }
    const errors = out.results.filter((r) => r.severity === 'error');
    if (errors.length === 0) expect(out.generated.length).toBeGreaterThan(0);
    else expect(out.generated).toEqual([]);
  });
});
