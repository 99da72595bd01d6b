import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadProfileDir } from '../../cli/profile-loader';
import { listFlavours, listPluginDeps } from '../../fn/profile/profile';
import { parseYaml, parseYamlDocuments } from '../../fn/yaml';
import {
  describeWithOperatorData,
  comparable,
  operatorProfileFiles,
  substitutePlaceholders,
} from './helpers';

const OURS = path.resolve(__dirname, '..', '..', 'profiles');
/** The embedded profile of one operator line (profiles/<version>/<name>); 1.10 unless said. */
const ours = (profile: string, version = '1.10') => loadProfileDir(path.join(OURS, version, profile), profile);
/** Each embedded line, the operator data it carries and the line its file headers name. */
const LINES = [
  { version: '1.9', release: '1.9.8', header: '1.9.8 (release-1.9)' },
  { version: '1.10', release: 'release-1.10', header: 'release-1.10' },
  { version: 'main', release: 'c0cb1c9', header: 'main (c0cb1c9)' },
];

const RHDH_FILES = [
  'default-config/app-config.yaml',
  'default-config/db-secret.yaml',
  'default-config/db-service.yaml',
  'default-config/db-statefulset.yaml',
  'default-config/db-statefulset.yaml.k8s',
  'default-config/deployment.yaml',
  'default-config/deployment.yaml.k8s',
  'default-config/dynamic-plugins.yaml',
  'default-config/flavours/lightspeed/configmap-files.yaml',
  'default-config/flavours/lightspeed/deployment.yaml',
  'default-config/flavours/lightspeed/dynamic-plugins.yaml',
  'default-config/flavours/lightspeed/metadata.yaml',
  'default-config/flavours/orchestrator/dynamic-plugins.yaml',
  'default-config/flavours/orchestrator/metadata.yaml',
  'default-config/route.yaml',
  'default-config/secret-files.yaml',
  'default-config/service.yaml',
  'default-config/service.yaml.k8s',
  'plugin-deps/argocd.yaml',
  'plugin-deps/sonataflow.yaml',
  'plugin-deps/tekton.yaml',
  'plugin-infra/argocd-cr.yaml',
  'plugin-infra/argocd.yaml',
  'plugin-infra/knative.yaml',
  'plugin-infra/pipeline.yaml',
  'plugin-infra/serverless-logic.yaml',
  'plugin-infra/serverless.yaml',
];
const BACKSTAGE_IO_FILES = [
  'default-config/app-config.yaml',
  'default-config/db-secret.yaml',
  'default-config/db-service.yaml',
  'default-config/db-statefulset.yaml',
  'default-config/deployment.yaml',
  'default-config/route.yaml',
  'default-config/service.yaml',
];

function containerImages(deploymentText: string): string[] {
  const d = parseYaml(deploymentText) as any;
  const pod = d.spec.template.spec;
  return [...(pod.initContainers ?? []), ...pod.containers].map((c: any) => `${c.name}=${c.image}`);
}

describe('embedded profiles (no operator data needed)', () => {
  it('hold exactly the files the operator reads', () => {
    expect(Object.keys(ours('rhdh').files)).toEqual(RHDH_FILES);
    expect(Object.keys(ours('backstage.io').files)).toEqual(BACKSTAGE_IO_FILES);
  });

  it('one directory per operator line, each with both profiles', () => {
    expect(fs.readdirSync(OURS).filter((d) => fs.statSync(path.join(OURS, d)).isDirectory()).sort()).toEqual(['1.10', '1.9', 'main']);
    for (const { version } of LINES) expect(fs.readdirSync(path.join(OURS, version)).sort()).toEqual(['backstage.io', 'rhdh']);
  });

  it.each(LINES.flatMap((l) => ['rhdh', 'backstage.io'].map((name) => [l.version, name, l.header])))('%s %s: every file says what it is and parses once placeholders are filled', (version, name, header) => {
    for (const [p, text] of Object.entries(ours(name, version).files)) {
      expect([p, text.startsWith(`# ${name} profile: `)]).toEqual([p, true]);
      expect([p, text.includes(`\n# Carries the defaults of rhdh-operator ${header}.\n`)]).toEqual([p, true]);
      expect(() => comparable(text)).not.toThrow();
    }
  });

  it('rhdh: flavours and their defaults', () => {
    const flavours = listFlavours(ours('rhdh')).map((f) => ({
      name: f.name,
      metadata: parseYaml(f.metadataText ?? ''),
      files: Object.keys(f.files),
    }));
    expect(flavours).toEqual([
      {
        name: 'lightspeed',
        metadata: { enabledByDefault: true },
        files: ['configmap-files.yaml', 'deployment.yaml', 'dynamic-plugins.yaml'],
      },
      { name: 'orchestrator', metadata: { enabledByDefault: false }, files: ['dynamic-plugins.yaml'] },
    ]);
  });

  it('images of release-1.10', () => {
    const rhdh = ours('rhdh').files;
    expect(containerImages(rhdh['default-config/deployment.yaml'])).toEqual([
      'install-dynamic-plugins=quay.io/rhdh-community/rhdh:next-1.10',
      'backstage-backend=quay.io/rhdh-community/rhdh:next-1.10',
    ]);
    expect(containerImages(rhdh['default-config/flavours/lightspeed/deployment.yaml'])).toEqual([
      'init-rag-data=quay.io/redhat-ai-dev/rag-content:release-1.10-lls-0.5.0',
      'lightspeed-core=quay.io/lightspeed-core/lightspeed-stack:0.6.2',
    ]);
    expect(containerImages(rhdh['default-config/db-statefulset.yaml'])).toEqual(['postgresql=quay.io/fedora/postgresql-15:latest']);
    expect(containerImages(ours('backstage.io').files['default-config/deployment.yaml'])).toEqual([
      'backstage-backend=ghcr.io/backstage/backstage:1.38.1',
    ]);
  });

  it('rhdh: dynamic plugins of the base and the flavours, in order', () => {
    const plugins = (p: string) => {
      const cm = parseYaml(ours('rhdh').files[p]) as any;
      return parseYaml(cm.data['dynamic-plugins.yaml']);
    };
    const rhdh = 'oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin';
    expect(plugins('default-config/dynamic-plugins.yaml')).toEqual({ includes: ['dynamic-plugins.default.yaml'] });
    expect(plugins('default-config/flavours/lightspeed/dynamic-plugins.yaml')).toEqual({
      plugins: [
        { package: `${rhdh}-lightspeed:{{inherit}}`, disabled: false },
        { package: `${rhdh}-lightspeed-backend:{{inherit}}`, disabled: false },
      ],
    });
    expect(plugins('default-config/flavours/orchestrator/dynamic-plugins.yaml')).toEqual({
      plugins: [
        { package: `${rhdh}-orchestrator:{{inherit}}`, disabled: false },
        { package: `${rhdh}-orchestrator-backend:{{inherit}}`, disabled: false, dependencies: [{ ref: 'sonataflow' }] },
        { package: `${rhdh}-scaffolder-backend-module-orchestrator:{{inherit}}`, disabled: false },
        { package: `${rhdh}-orchestrator-form-widgets:{{inherit}}`, disabled: false },
      ],
    });
  });

  it('rhdh: plugin-deps keep their placeholders as text', () => {
    const deps = Object.fromEntries(listPluginDeps(ours('rhdh')));
    // Outside comments (the header names the placeholders).
    const count = (t: string, s: string) =>
      t
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n')
        .split(s).length - 1;
    expect(
      Object.entries(deps).map(([p, t]) => [p, count(t, '{{backstage-name}}'), count(t, '{{backstage-ns}}')]),
    ).toEqual([
      ['argocd.yaml', 0, 0],
      ['sonataflow.yaml', 6, 2],
      ['tekton.yaml', 0, 5],
    ]);
    // Before substitution `namespace: {{backstage-ns}}` is a flow mapping, not a string (Go's YAML rejects it).
    const docs = parseYamlDocuments(substitutePlaceholders(deps['sonataflow.yaml'])) as any[];
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'NetworkPolicy/allow-infra-ns-to-workflow-ns',
      'NetworkPolicy/allow-external-communication',
      'NetworkPolicy/allow-intra-network',
      'NetworkPolicy/allow-monitoring-to-sonataflow-and-workflows',
      'Job/create-sonataflow-database-my-rhdh',
      'SonataFlowPlatform/sonataflow-platform',
    ]);
    expect(docs[5].spec.services.dataIndex.persistence.postgresql.serviceRef).toEqual({
      name: 'backstage-psql-my-rhdh',
      namespace: 'team-a',
      databaseName: 'backstage_plugin_orchestrator',
    });
  });

  it('YAML held in ConfigMap data reads the same as YAML 1.1 and 1.2', () => {
    // The operator and this project read YAML 1.1; Backstage and llama-stack read 1.2.
    for (const name of ['rhdh', 'backstage.io']) {
      for (const [p, text] of Object.entries(ours(name).files)) {
        for (const doc of parseYamlDocuments(substitutePlaceholders(text)) as any[]) {
          if (doc?.kind !== 'ConfigMap') continue;
          for (const [k, v] of Object.entries(doc.data ?? {})) {
            if (!/\.ya?ml$/.test(k)) continue;
            const v12 = parseAllDocuments(v as string, { version: '1.2' }).map((d: any) => d.toJS());
            expect([p, k, v12]).toEqual([p, k, parseYamlDocuments(v as string)]);
          }
        }
      }
    }
  });
});

const oursOf = ours;
for (const { version, release } of LINES) describeWithOperatorData(`embedded profiles of ${version} carry the facts of the operator ${release} profiles`, () => {
  describe.each(['rhdh', 'backstage.io'])('%s', (name) => {
    const theirs = () => operatorProfileFiles(release, name);
    const ours = (n: string) => oursOf(n, version);

    it('has the same files, no more', () => {
      expect(Object.keys(ours(name).files).sort()).toEqual(Object.keys(theirs()).sort());
    });

    it('every file holds the same documents once parsed', () => {
      const mine = ours(name).files;
      for (const [p, text] of Object.entries(theirs())) {
        expect([p, comparable(mine[p])]).toEqual([p, comparable(text)]);
      }
    });

    it('plugin-deps use the same placeholders as often', () => {
      const mine = ours(name).files;
      const uses = (t: string) =>
        ['{{backstage-name}}', '{{backstage-ns}}'].map(
          (s) =>
            t
              .split('\n')
              .filter((l) => !l.trimStart().startsWith('#'))
              .join('\n')
              .split(s).length - 1,
        );
      for (const [p, text] of Object.entries(theirs()).filter(([q]) => q.startsWith('plugin-deps/'))) {
        expect([p, uses(mine[p])]).toEqual([p, uses(text)]);
      }
    });

    it('no file is a byte copy of the operator\'s', () => {
      const mine = ours(name).files;
      const copies = Object.entries(theirs())
        .filter(([p, text]) => mine[p] === text)
        .map(([p]) => p);
      expect(copies).toEqual([]);
      // Nor does any keep the operator's licence header.
      expect(Object.keys(mine).filter((p) => /Licensed under the Apache License|Copyright Red Hat/.test(mine[p]))).toEqual([]);
    });
  });
});
