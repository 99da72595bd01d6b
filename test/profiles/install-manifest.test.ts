import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { RenderError } from '../../fn/diagnostics';
import { profileFromInstallManifest } from '../../fn/profile/install-manifest';
import { parseYaml, parseYamlDocuments } from '../../fn/yaml';
import { PROFILES, RELEASES, describeWithOperatorData, operatorDir, readTree } from './helpers';

const cm = (name: string, data: Record<string, string>, namespace?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: namespace ? { name, namespace } : { name },
  data,
});

function manager(opts: { env?: Array<{ name: string; value: string }>; mounts: Array<[string, string]>; volumes: any[] }): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'operator', namespace: 'ops' },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'kube-rbac-proxy', image: 'proxy' },
            {
              name: 'manager',
              image: 'operator',
              ...(opts.env ? { env: opts.env } : {}),
              volumeMounts: opts.mounts.map(([name, mountPath]) => ({ name, mountPath })),
            },
          ],
          volumes: opts.volumes,
        },
      },
    },
  };
}

describe('profileFromInstallManifest (synthetic manifests)', () => {
  const base = [
    cm('default-config', { 'deployment.yaml': 'D', 'service.yaml': 'S', 'deployment.yaml.k8s': 'K' }),
    cm('flavour-lightspeed-config', { 'metadata.yaml': 'enabledByDefault: true', 'deployment.yaml': 'LD' }),
    cm('flavour-orchestrator-config', { 'metadata.yaml': 'enabledByDefault: false' }),
    cm('plugin-deps', { 'sonataflow.yaml': 'SF' }),
    cm('unrelated', { 'x.yaml': 'X' }),
  ];
  const expected = {
    name: 'mine',
    files: {
      'default-config/deployment.yaml': 'D',
      'default-config/deployment.yaml.k8s': 'K',
      'default-config/flavours/lightspeed/deployment.yaml': 'LD',
      'default-config/flavours/lightspeed/metadata.yaml': 'enabledByDefault: true',
      'default-config/flavours/orchestrator/metadata.yaml': 'enabledByDefault: false',
      'default-config/service.yaml': 'S',
      'plugin-deps/sonataflow.yaml': 'SF',
    },
  };

  it('reads unprefixed ConfigMaps by name when there is no operator Deployment', () => {
    const { profile, used } = profileFromInstallManifest(base, 'mine');
    expect(profile).toEqual(expected);
    expect(Object.keys(profile.files)).toEqual(Object.keys(expected.files).sort());
    expect(used.map((o) => o.metadata.name)).toEqual([
      'default-config',
      'flavour-lightspeed-config',
      'flavour-orchestrator-config',
      'plugin-deps',
    ]);
  });

  it('reads prefixed ConfigMaps by name, and an unprefixed plugin-deps', () => {
    const objs = base.map((o) =>
      o.metadata.name === 'plugin-deps' || o.metadata.name === 'unrelated' ? o : { ...o, metadata: { ...o.metadata, name: `rhdh-${o.metadata.name}` } },
    );
    const { profile, used } = profileFromInstallManifest(objs, 'mine');
    expect(profile).toEqual(expected);
    expect(used.map((o) => o.metadata.name)).toEqual([
      'rhdh-default-config',
      'rhdh-flavour-lightspeed-config',
      'rhdh-flavour-orchestrator-config',
      'plugin-deps',
    ]);
  });

  it('follows the manager Deployment mounts: LOCALBIN, items, the plugin-deps override, optional volumes', () => {
    const objs: KObject[] = [
      cm('a', { 'deployment.yaml': 'D', 'service.yaml': 'S' }, 'ops'),
      cm('b', { 'metadata.yaml': 'M', 'dynamic-plugins.yaml': 'DP' }, 'ops'),
      cm('c', { 'tekton.yaml': 'T' }, 'ops'),
      cm('a', { 'deployment.yaml': 'other namespace' }, 'elsewhere'),
      manager({
        env: [
          { name: 'LOCALBIN', value: '/opt/bin' },
          { name: 'PLUGIN_DEPS_DIR_backstage', value: '/opt/bin/deps' },
        ],
        mounts: [
          ['v-b', '/opt/bin/default-config/flavours/x'],
          ['v-a', '/opt/bin/default-config'],
          ['v-c', '/opt/bin/deps'],
          ['v-missing', '/opt/bin/plugin-deps'],
          ['v-c', '/elsewhere/default-config/flavours/y'],
        ],
        volumes: [
          { name: 'v-a', configMap: { name: 'a', items: [{ key: 'service.yaml', path: 'service.yaml' }] } },
          { name: 'v-b', configMap: { name: 'b' } },
          { name: 'v-c', configMap: { name: 'c' } },
          { name: 'v-missing', configMap: { name: 'nope', optional: true } },
        ],
      }),
    ];
    const { profile, used } = profileFromInstallManifest(objs, 'm');
    expect(profile).toEqual({
      name: 'm',
      files: {
        'default-config/flavours/x/dynamic-plugins.yaml': 'DP',
        'default-config/flavours/x/metadata.yaml': 'M',
        'default-config/service.yaml': 'S',
        'plugin-deps/tekton.yaml': 'T',
      },
    });
    expect(used).toEqual([objs[0], objs[1], objs[2]]);
  });

  it('reports a mounted ConfigMap the manifest lacks, and a manifest without default-config', () => {
    const objs = [
      manager({ mounts: [['dc', '/default-config']], volumes: [{ name: 'dc', configMap: { name: 'rhdh-default-config' } }] }),
    ];
    expect(() => profileFromInstallManifest(objs, 'm')).toThrow(
      new RenderError(
        'install manifest: Deployment operator mounts ConfigMap rhdh-default-config at /default-config, but the manifest has no such ConfigMap',
      ),
    );
    expect(() => profileFromInstallManifest([cm('plugin-deps', {})], 'm')).toThrow(/no default-config ConfigMap found/);
    expect(() => profileFromInstallManifest([cm('a-default-config', {}), cm('b-default-config', {})], 'm')).toThrow(
      'install manifest: several default-config ConfigMaps (a-default-config, b-default-config); give one operator\'s manifest',
    );
  });
});

/** The files kustomize's configMapGenerator put into the install manifest, from the profile's kustomization.yaml. */
function generatedFiles(release: string, profile: string): string[] {
  const k = parseYaml(fs.readFileSync(path.join(operatorDir(release), 'config', 'profile', profile, 'kustomization.yaml'), 'utf8')) as any;
  return (k.configMapGenerator as any[]).flatMap((g) => g.files as string[]).sort();
}


describeWithOperatorData('profileFromInstallManifest on the operator install manifests', () => {
  const usedNames: Record<string, string[]> = {
    'rhdh 1.9.8': ['rhdh-default-config', 'rhdh-plugin-deps'],
    'rhdh release-1.10': ['rhdh-default-config', 'rhdh-flavour-lightspeed-config', 'rhdh-flavour-orchestrator-config', 'rhdh-plugin-deps'],
    'rhdh c0cb1c9': ['rhdh-default-config', 'rhdh-flavour-lightspeed-config', 'rhdh-flavour-orchestrator-config', 'rhdh-plugin-deps'],
    'backstage.io 1.9.8': ['backstage-default-config'],
    'backstage.io release-1.10': ['backstage-default-config'],
    'backstage.io c0cb1c9': ['backstage-default-config'],
  };
  const cases = PROFILES.flatMap((p) => RELEASES.map((r) => [p, r] as const));

  it.each(cases)('%s %s: the profile equals the operator profile directory', (profile, release) => {
    const objects = parseYamlDocuments(fs.readFileSync(path.join(operatorDir(release), 'dist', profile, 'install.yaml'), 'utf8')) as KObject[];
    const { profile: got, used } = profileFromInstallManifest(objects, profile);
    const dir = readTree(path.join(operatorDir(release), 'config', 'profile', profile));

    expect(got.name).toBe(profile);
    // The manager image's tag names the operator line (rhdh-rhel9-operator:1.9, operator:0.10.4, :2.0 on main).
    expect(got.operatorVersion).toBe(({ '1.9.8': '1.9', 'release-1.10': '1.10', c0cb1c9: 'main' } as Record<string, string>)[release]);
    expect(Object.keys(got.files)).toEqual(generatedFiles(release, profile));
    // kustomize's configMapGenerator keeps each file's text byte for byte, so the texts are equal,
    // not only their parsed documents.
    for (const [p, text] of Object.entries(got.files)) {
      expect([p, text]).toEqual([p, dir[p]]);
    }
    expect(used.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(usedNames[`${profile} ${release}`].map((n) => `ConfigMap/${n}`));

    // Without the manager Deployment, the prefixed names alone lead to the same profile.
    const byName = profileFromInstallManifest(
      objects.filter((o) => o.kind !== 'Deployment'),
      profile,
    );
    // (no manager Deployment: no operator line either)
    expect(byName.profile).toEqual({ ...got, operatorVersion: undefined });
  });
});
