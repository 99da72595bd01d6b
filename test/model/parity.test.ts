// Parity with the operator's release-1.10 `rhdh` profile (read from ../shared at test time, never
// copied here). Each expected object is the profile's object with the changes the operator's Go code
// makes, written out by hand from reading pkg/model (release-1.10).
import * as path from 'node:path';
import * as fs from 'node:fs';
import { build, describeWithOperatorData, errorsOf, OP110_RHDH, operatorProfile } from './helpers';
import { cm, secret, pvc, crOf, LABELS } from './fixtures';
import type { KObject } from '../../fn/kio/types';
import { parseYamlDocuments } from '../../fn/yaml';
import { derivePassword } from '../../fn/model/db-password';

/* eslint-disable @typescript-eslint/no-explicit-any */
function profileDocs(rel: string): any[] {
  return parseYamlDocuments(fs.readFileSync(path.join(OP110_RHDH, 'default-config', rel), 'utf8')) as any[];
}
const profileDoc = (rel: string, i = 0): any => profileDocs(rel)[i];

const DOMAIN = 'apps.example.com';
const URL = `https://backstage-bs1-ns1.${DOMAIN}`;
const HASH_NONE = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const withMeta = (o: any, name: string, annotations?: Record<string, string>) => {
  o.metadata = { ...o.metadata, name, namespace: 'ns1', labels: { ...(o.metadata.labels ?? {}), ...LABELS } };
  if (annotations) o.metadata.annotations = { ...(o.metadata.annotations ?? {}), ...annotations };
  return o;
};
const cmVol = (n: string) => ({ name: n, configMap: { name: n, defaultMode: 420, optional: false } });
const secVol = (n: string) => ({ name: n, secret: { secretName: n, defaultMode: 420, optional: false } });
const sub = (name: string, mountPath: string, subPath: string) => ({ name, readOnly: true, mountPath, subPath });
const container = (d: any, name: string) => [...d.spec.template.spec.containers, ...(d.spec.template.spec.initContainers ?? [])].find((c: any) => c.name === name);

/** The profile's Deployment with what every CR gets: name, labels, selector, pod label, hash. */
function baseWorkload(hash: string, flavours: boolean): any {
  const d = profileDoc('deployment.yaml');
  if (flavours) {
    // flavours/lightspeed/deployment.yaml, merged by merge2: new list items appended
    const f = profileDoc('flavours/lightspeed/deployment.yaml');
    d.spec.template.spec.initContainers.push(...f.spec.template.spec.initContainers);
    d.spec.template.spec.containers.push(...f.spec.template.spec.containers);
    d.spec.template.spec.volumes.push(...f.spec.template.spec.volumes);
  }
  withMeta(d, 'backstage-bs1');
  d.spec.selector.matchLabels['rhdh.redhat.com/app'] = 'backstage-bs1';
  d.spec.template.metadata.labels['rhdh.redhat.com/app'] = 'backstage-bs1';
  d.spec.template.metadata.annotations = { 'rhdh.redhat.com/ext-config-hash': hash };
  return d;
}

function expectedService(): any {
  const s = withMeta(profileDoc('service.yaml'), 'backstage-bs1');
  s.spec.selector['rhdh.redhat.com/app'] = 'backstage-bs1';
  return s;
}

function expectedDb(secretName: string): any[] {
  const password = derivePassword('test-seed', 'ns1', 'backstage-psql-secret-bs1');
  const sec = withMeta(profileDoc('db-secret.yaml'), 'backstage-psql-secret-bs1');
  sec.stringData = {
    POSTGRESQL_ADMIN_PASSWORD: password,
    POSTGRES_HOST: 'backstage-psql-bs1',
    POSTGRES_PASSWORD: password,
    POSTGRES_PORT: '5432',
    POSTGRES_USER: 'postgres',
  };
  const svc = withMeta(profileDoc('db-service.yaml'), 'backstage-psql-bs1');
  svc.spec.selector['rhdh.redhat.com/app'] = 'backstage-psql-bs1';
  svc.spec.clusterIP = 'None';
  const ss = withMeta(profileDoc('db-statefulset.yaml'), 'backstage-psql-bs1');
  ss.spec.selector.matchLabels['rhdh.redhat.com/app'] = 'backstage-psql-bs1';
  ss.spec.template.metadata.labels['rhdh.redhat.com/app'] = 'backstage-psql-bs1';
  ss.spec.serviceName = 'backstage-psql-bs1';
  ss.spec.template.spec.containers[0].envFrom = [{ secretRef: { name: secretName } }];
  return [sec, svc, ss];
}

const names = (objs: KObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);

describeWithOperatorData('parity with the operator (release-1.10 rhdh profile)', () => {
  let profile: ReturnType<typeof operatorProfile>;
  beforeAll(() => {
    profile = operatorProfile();
  });

  test('minimal CR on OpenShift: every object, whole', () => {
    const b = build({ cr: crOf(), profile, options: { ingressDomain: DOMAIN } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.external.watchingHash).toBe(HASH_NONE);

    const appConfig = withMeta(profileDoc('app-config.yaml'), 'backstage-appconfig-bs1-default-appconfig', {
      'rhdh.redhat.com/source': 'default',
      'rhdh.redhat.com/configured-name': 'default-appconfig',
    });
    // route.go updateAppConfigWithBaseUrls: re-serialized, keys sorted, comments gone
    appConfig.data['default.app-config.yaml'] =
      `app:\n  baseUrl: ${URL}\nauth:\n  environment: development\n  providers: {}\nbackend:\n  baseUrl: ${URL}\n  cors:\n    origin: ${URL}\n`;
    const lightspeedFiles = profileDocs('flavours/lightspeed/configmap-files.yaml').map((o) =>
      withMeta(o, `backstage-files-bs1-${o.metadata.name}`, { 'rhdh.redhat.com/source': 'flavour-lightspeed', 'rhdh.redhat.com/configured-name': o.metadata.name }),
    );
    const [dbSecret, dbService, dbStatefulSet] = expectedDb('backstage-psql-secret-bs1');

    const d = baseWorkload(HASH_NONE, true);
    const ps = d.spec.template.spec;
    ps.volumes.push(
      cmVol('backstage-appconfig-bs1-default-appconfig'),
      cmVol('backstage-files-bs1-llama-stack-config'),
      cmVol('backstage-files-bs1-lightspeed-stack-config'),
      cmVol('backstage-files-bs1-rhdh-profile'),
      cmVol('backstage-dynamic-plugins-bs1'),
      secVol('backstage-files-bs1-dynamic-plugins-npmrc'),
    );
    const bs = container(d, 'backstage-backend');
    bs.volumeMounts.push(sub('backstage-appconfig-bs1-default-appconfig', '/opt/app-root/src/default.app-config.yaml', 'default.app-config.yaml'));
    bs.args.push('--config', '/opt/app-root/src/default.app-config.yaml');
    bs.envFrom = [{ secretRef: { name: 'backstage-psql-secret-bs1' } }];
    container(d, 'lightspeed-core').volumeMounts.push(
      sub('backstage-files-bs1-llama-stack-config', '/app-root/config.yaml', 'config.yaml'),
      sub('backstage-files-bs1-lightspeed-stack-config', '/app-root/lightspeed-stack.yaml', 'lightspeed-stack.yaml'),
      sub('backstage-files-bs1-rhdh-profile', '/app-root/rhdh-profile.py', 'rhdh-profile.py'),
    );
    container(d, 'install-dynamic-plugins').volumeMounts.push(
      sub('backstage-dynamic-plugins-bs1', '/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml'),
      { name: 'backstage-files-bs1-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins' },
    );

    const dp = withMeta(profileDoc('flavours/lightspeed/dynamic-plugins.yaml'), 'backstage-dynamic-plugins-bs1');
    dp.data['dynamic-plugins.yaml'] =
      // profile + lightspeed flavour merged: yaml.v2's text (lists not indented under their key)
      'includes:\n- dynamic-plugins.default.yaml\nplugins:\n' +
      '- package: oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin-lightspeed:{{inherit}}\n  disabled: false\n' +
      '- package: oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin-lightspeed-backend:{{inherit}}\n  disabled: false\n';
    const route = withMeta(profileDoc('route.yaml'), 'backstage-bs1');
    route.spec.to.name = 'backstage-bs1';
    const npmrc = withMeta(profileDoc('secret-files.yaml'), 'backstage-files-bs1-dynamic-plugins-npmrc', { 'rhdh.redhat.com/configured-name': 'dynamic-plugins-npmrc' });

    expect(b.model.objects).toEqual([appConfig, ...lightspeedFiles, dbSecret, dbService, dbStatefulSet, d, dp, route, npmrc, expectedService()]);
  });

  test('app-configs, extra files and envs, PVC, no flavours: the Deployment, whole', () => {
    const cr = crOf({
      flavours: [],
      application: {
        appConfig: { configMaps: [{ name: 'my-app-config' }, { name: 'my-app-config2', key: 'b.yaml' }] },
        extraFiles: {
          mountPath: '/opt/extra',
          configMaps: [{ name: 'my-files' }, { name: 'my-files2', mountPath: 'dir' }],
          secrets: [{ name: 'my-secret-files', key: 'tls.crt' }],
          pvcs: [{ name: 'my-pvc' }],
        },
        extraEnvs: {
          configMaps: [{ name: 'my-env-cm' }],
          secrets: [{ name: 'my-env-secret', key: 'TOKEN' }],
          envs: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'MAX_ENTRY_SIZE', value: '1', containers: ['install-dynamic-plugins'] }],
        },
      },
      database: { enableLocalDb: false },
    });
    const inputs = [
      cm('my-app-config', { 'z.yaml': 'z: 1', 'a.yaml': 'a: 1' }),
      cm('my-app-config2', { 'a.yaml': '', 'b.yaml': '' }),
      cm('my-files', { 'f.txt': 'x' }),
      cm('my-files2', { 'g.txt': 'x' }),
      secret('my-secret-files', { 'tls.crt': 'c', 'tls.key': 'k' }),
      pvc('my-pvc'),
      cm('my-env-cm', { A: '1' }),
      secret('my-env-secret', { TOKEN: 't' }),
    ];
    const b = build({ cr, profile, inputs, options: { ingressDomain: DOMAIN } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(names(b.model.objects)).toEqual([
      'ConfigMap/backstage-appconfig-bs1-default-appconfig',
      'Deployment/backstage-bs1',
      'ConfigMap/backstage-dynamic-plugins-bs1',
      'Route/backstage-bs1',
      'Secret/backstage-files-bs1-dynamic-plugins-npmrc',
      'Service/backstage-bs1',
    ]);
    const d = baseWorkload(b.external.watchingHash, false);
    const ps = d.spec.template.spec;
    ps.volumes.push(
      cmVol('backstage-appconfig-bs1-default-appconfig'),
      cmVol('backstage-dynamic-plugins-bs1'),
      secVol('backstage-files-bs1-dynamic-plugins-npmrc'),
      // addExternalConfig, in key order: appconfig, configmap-files, dynamic-plugins, pvcs, secret-files
      cmVol('my-app-config'),
      cmVol('my-app-config2'),
      cmVol('my-files'),
      cmVol('my-files2'),
      { name: 'my-pvc', persistentVolumeClaim: { claimName: 'my-pvc' } },
      secVol('my-secret-files'),
    );
    const bs = container(d, 'backstage-backend');
    bs.env.push({ name: 'LOG_LEVEL', value: 'debug' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'my-env-secret', key: 'TOKEN' } } });
    bs.envFrom = [{ configMapRef: { name: 'my-env-cm' } }];
    bs.volumeMounts.push(
      sub('backstage-appconfig-bs1-default-appconfig', '/opt/app-root/src/default.app-config.yaml', 'default.app-config.yaml'),
      sub('my-app-config', '/opt/app-root/src/a.yaml', 'a.yaml'),
      sub('my-app-config', '/opt/app-root/src/z.yaml', 'z.yaml'),
      sub('my-app-config2', '/opt/app-root/src/b.yaml', 'b.yaml'),
      sub('my-files', '/opt/extra/f.txt', 'f.txt'),
      { name: 'my-files2', mountPath: '/opt/extra/dir' },
      { name: 'my-pvc', mountPath: '/opt/extra/my-pvc', subPath: 'my-pvc' },
      sub('my-secret-files', '/opt/extra/tls.crt', 'tls.crt'),
    );
    bs.args.push(
      '--config',
      '/opt/app-root/src/default.app-config.yaml',
      '--config',
      '/opt/app-root/src/a.yaml',
      '--config',
      '/opt/app-root/src/z.yaml',
      '--config',
      '/opt/app-root/src/b.yaml',
    );
    const init = container(d, 'install-dynamic-plugins');
    init.env = init.env.map((e: any) => (e.name === 'MAX_ENTRY_SIZE' ? { name: 'MAX_ENTRY_SIZE', value: '1' } : e));
    init.volumeMounts.push(
      sub('backstage-dynamic-plugins-bs1', '/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml'),
      { name: 'backstage-files-bs1-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins' },
    );
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(d);
    // the profile's dynamic plugins text unchanged (no flavour, no CR ConfigMap)
    expect(b.byKey('ConfigMap', 'backstage-dynamic-plugins-bs1')?.data).toEqual(profileDoc('dynamic-plugins.yaml').data);
  });

  test('external database on Kubernetes: .k8s patches, no Route, no database objects, no base URLs', () => {
    const cr = crOf({ flavours: [], database: { enableLocalDb: false, authSecretName: 'ext-db' } });
    const b = build({ cr, profile, options: { platform: 'kubernetes', ingressDomain: DOMAIN } });
    expect(errorsOf(b.results)).toEqual([]);
    expect(names(b.model.objects)).toEqual([
      'ConfigMap/backstage-appconfig-bs1-default-appconfig',
      'Deployment/backstage-bs1',
      'ConfigMap/backstage-dynamic-plugins-bs1',
      'Secret/backstage-files-bs1-dynamic-plugins-npmrc',
      'Service/backstage-bs1',
    ]);
    const svc = expectedService();
    svc.spec.type = 'NodePort'; // service.yaml.k8s
    expect(b.byKey('Service', 'backstage-bs1')).toEqual(svc);
    expect(b.byKey('ConfigMap', 'backstage-appconfig-bs1-default-appconfig')?.data).toEqual(profileDoc('app-config.yaml').data);
    const d = baseWorkload(HASH_NONE, false);
    d.spec.template.spec.securityContext = { fsGroup: 1001 }; // deployment.yaml.k8s
    d.spec.template.spec.volumes.push(cmVol('backstage-appconfig-bs1-default-appconfig'), cmVol('backstage-dynamic-plugins-bs1'), secVol('backstage-files-bs1-dynamic-plugins-npmrc'));
    const bs = container(d, 'backstage-backend');
    bs.volumeMounts.push(sub('backstage-appconfig-bs1-default-appconfig', '/opt/app-root/src/default.app-config.yaml', 'default.app-config.yaml'));
    bs.args.push('--config', '/opt/app-root/src/default.app-config.yaml');
    bs.envFrom = [{ secretRef: { name: 'ext-db' } }];
    container(d, 'install-dynamic-plugins').volumeMounts.push(
      sub('backstage-dynamic-plugins-bs1', '/opt/app-root/src/dynamic-plugins.yaml', 'dynamic-plugins.yaml'),
      { name: 'backstage-files-bs1-dynamic-plugins-npmrc', mountPath: '/opt/app-root/src/.npmrc.dynamic-plugins' },
    );
    expect(b.byKey('Deployment', 'backstage-bs1')).toEqual(d);
  });

  test('StatefulSet with a prepend patch and images from the options', () => {
    const cr = crOf(
      {
        flavours: [],
        database: { enableLocalDb: false },
        deployment: {
          kind: 'StatefulSet',
          patch: { spec: { template: { spec: { initContainers: [{ name: 'my-init', image: 'busybox' }], containers: [{ name: 'backstage-backend', env: [{ name: 'X', value: 'y' }] }] } } } },
        },
      },
      { annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' } },
    );
    const b = build({ cr, profile, options: { ingressDomain: DOMAIN, backstageImage: 'quay.io/me/rhdh:1' } });
    expect(errorsOf(b.results)).toEqual([]);
    const ss = b.byKey('StatefulSet', 'backstage-bs1') as any;
    expect(b.byKey('Deployment', 'backstage-bs1')).toBeUndefined();
    expect(Object.keys(ss.spec)).toEqual(['selector', 'template']); // strategy dropped by the conversion
    expect(ss.spec.template.spec.initContainers.map((c: any) => `${c.name}=${c.image}`)).toEqual(['my-init=busybox', 'install-dynamic-plugins=quay.io/me/rhdh:1']);
    const bs = container(ss, 'backstage-backend');
    expect(bs.image).toBe('quay.io/me/rhdh:1');
    expect(bs.env).toEqual([{ name: 'X', value: 'y' }, { name: 'APP_CONFIG_backend_listen_port', value: '7007' }]);
  });
});

describeWithOperatorData('the operator profiles are clean', () => {
  test.each(['rhdh', 'backstage.io'])('%s: no results for a minimal CR with every flavour', (name) => {
    const profile = operatorProfile(path.join(OP110_RHDH, '..', name));
    const b = build({ cr: crOf({ flavours: name === 'rhdh' ? [{ name: 'lightspeed' }, { name: 'orchestrator' }] : [] }), profile, options: { ingressDomain: DOMAIN } });
    expect(b.results).toEqual([]);
  });
});
