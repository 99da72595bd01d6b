// Our embedded profiles carry each operator line's defaults (profiles/<version>/): rendering with
// them, with that line's own profile directory (--profile DIR) and with its install manifest's
// ConfigMaps in the input must give the same objects, for 1.9, 1.10 and main. Every example CR of
// each line renders as that line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { isObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_VERSIONS, type OperatorVersion } from '../../fn/versions';
import { OPERATOR_DATA, REPO_ROOT, describeWithShared } from '../helpers';
import { OPERATOR_FILES, type OperatorReleaseDir } from '../operator-data';

/** Each operator line and the directory of its data in ../shared/operator-data. */
const RELEASE_OF: Record<OperatorVersion, OperatorReleaseDir> = { '1.9': 'rhdh-operator-1.9.8', '1.10': 'rhdh-operator-release-1.10', main: 'rhdh-operator-c0cb1c9' };
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

function render(items: KObject[], profileDir: string | undefined, profileName: string, platform: 'openshift' | 'kubernetes', operatorVersion: OperatorVersion) {
  const options = withDefaults({ secretSeed: SEED, platform, ingressDomain: 'apps.example.com', profile: profileName, operatorVersion });
  const profile = profileDir ? loadProfileDir(profileDir, profileDir) : loadProfileDir(path.join(REPO_ROOT, 'profiles', operatorVersion, profileName), profileName);
  return renderBackstage({ items, options, profile });
}

describeWithShared('profile parity with the operator, per line', () => {
  for (const version of OPERATOR_VERSIONS) {
    const release = RELEASE_OF[version];
    for (const profileName of ['rhdh', 'backstage.io']) {
      const opDir = path.join(OPERATOR_DATA, release, 'config', 'profile', profileName);
      for (const platform of ['openshift', 'kubernetes'] as const) {
        for (const [crName, crText] of Object.entries(CRS)) {
          if (profileName === 'backstage.io' && crName !== 'minimal') continue;
          // 1.9 has no flavours: the orchestrator CR names one (a warning there, below).
          if (version === '1.9' && crName !== 'minimal') continue;
          test(`${version} (${release}) ${profileName}, ${platform}, ${crName}: embedded profile = operator directory = install manifest`, () => {
            const cr = parseYamlDocuments(crText) as KObject[];
            const ours = render(cr, undefined, profileName, platform, version);
            const theirs = render(cr, opDir, profileName, platform, version);
            expect(ours.results.filter((r) => r.severity === 'error')).toEqual([]);
            expect(ours.generated.length).toBeGreaterThan(5);
            expect(comparable(theirs.generated)).toEqual(comparable(ours.generated));

            // The install manifest's ConfigMaps, marked local-config, as a profile in the input.
            const manifest = read(path.join(OPERATOR_DATA, release, 'dist', profileName, 'install.yaml'))
              .filter((o) => o.kind === 'ConfigMap')
              .map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), 'config.kubernetes.io/local-config': 'true' } } }));
            const viaManifest = render([...cr, ...manifest], undefined, 'rhdh', platform, version);
            expect(viaManifest.results.filter((r) => r.severity === 'error')).toEqual([]);
            // The operator's backstage.io install manifest ships no route.yaml (its profile directory
            // does): there the manifest gives what our profile gives without that file.
            const shipsRoute = manifest.some((cm) => /default-config$/.test(cm.metadata.name ?? '') && ((cm as KObject).data as Record<string, string>)['route.yaml'] !== undefined);
            let reference = ours;
            if (!shipsRoute) {
              const profile = loadProfileDir(path.join(REPO_ROOT, 'profiles', version, profileName), profileName);
              delete profile.files['default-config/route.yaml'];
              const options = withDefaults({ secretSeed: SEED, platform, ingressDomain: 'apps.example.com', profile: profileName, operatorVersion: version });
              reference = renderBackstage({ items: cr, options, profile });
              expect(reference.generated.some((o) => o.kind === 'Route')).toBe(false);
            }
            expect(comparable(viaManifest.generated)).toEqual(comparable(reference.generated));
          });
        }
      }
    }
  }
  test.each(OPERATOR_VERSIONS.map((v) => [v, RELEASE_OF[v]]))('%s: the install manifest with its manager Deployment in the input renders as its line without the option (%s)', (version, release) => {
    const cr = parseYamlDocuments(CRS.minimal) as KObject[];
    const manifest = read(path.join(OPERATOR_DATA, release, 'dist', 'rhdh', 'install.yaml'))
      .filter((o) => o.kind === 'ConfigMap' || o.kind === 'Deployment')
      .map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), 'config.kubernetes.io/local-config': 'true' } } }));
    const options = withDefaults({ secretSeed: SEED, ingressDomain: 'apps.example.com' });
    const viaManifest = renderBackstage({ items: [...cr, ...manifest], options, profile: loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.10', 'rhdh'), 'rhdh') });
    expect(viaManifest.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(comparable(viaManifest.generated)).toEqual(comparable(render(cr, undefined, 'rhdh', 'openshift', version).generated));
  });

  test('1.9 has no flavours: spec.flavours is a warning (not in its CRD) and the orchestrator plugins stay disabled', () => {
    const out = render(parseYamlDocuments(CRS['orchestrator and monitoring']) as KObject[], undefined, 'rhdh', 'openshift', '1.9');
    expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(out.results.filter((r) => r.severity === 'warning').map((r) => r.field?.path)).toEqual(['spec.flavours']);
    expect(out.generated.some((o) => o.kind === 'SonataFlowPlatform')).toBe(false);
  });
});

describeWithShared("every line's operator profiles render as that line", () => {
  for (const version of OPERATOR_VERSIONS) {
    const release = RELEASE_OF[version];
    for (const profileName of ['rhdh', 'backstage.io']) {
      test(`${version}: ${release} ${profileName}`, () => {
        const dir = path.join(OPERATOR_DATA, release, 'config', 'profile', profileName);
        const out = render(parseYamlDocuments(CRS.minimal) as KObject[], dir, profileName, 'openshift', version);
        expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
        const kinds = out.generated.map((o) => o.kind);
        expect(kinds).toContain('Deployment');
        expect(kinds).toContain('Service');
        expect(kinds).toContain('Route');
      });
    }
  }
});

describeWithShared("every example CR in each line's examples/ renders as that line", () => {
  const cases = OPERATOR_VERSIONS.flatMap((version) => OPERATOR_FILES[RELEASE_OF[version]].examples.map((f) => [version, RELEASE_OF[version], f] as const));
  // The main line refuses two of its own examples, as the operator at main does: exactly these errors.
  const REFUSED: Record<string, { path: string; message: string }> = {
    'main lightspeed.yaml': {
      path: 'spec.application.extraEnvs.secrets[0].containers',
      message: 'container lightspeed-core not found in the Backstage pod (Secret lightspeed-secrets, containers); pod containers: backstage-backend, install-dynamic-plugins',
    },
    'main rhdh-cr-with-app-configs.yaml': {
      path: 'spec.application.appConfig.configMaps[2]',
      message: 'failed to build the Backstage model: multiple entries (3) not allowed for app-config ConfigMap: my-backstage-config-cm1; split into separate single-entry ConfigMaps',
    },
  };
  test.each(cases)('%s: %s examples/%s', (version, release, file) => {
    const items = read(path.join(OPERATOR_DATA, release, 'examples', file));
    const out = render(items, undefined, 'rhdh', 'openshift', version);
    const errors = out.results.filter((r) => r.severity === 'error').map((r) => ({ path: r.field?.path, message: r.message }));
    const refused = REFUSED[`${version} ${file}`];
    expect(errors).toEqual(refused ? [refused] : []);
    if (refused) expect(out.generated).toEqual([]);
    else expect(out.generated.length).toBeGreaterThan(0);
  });
});
