import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostics } from '../../fn/diagnostics';
import type { KObject } from '../../fn/kio/types';
import {
  appConfig,
  authSecretName,
  database,
  deploymentKind,
  deploymentPatch,
  dynamicPluginsConfigMapName,
  extraEnvs,
  extraFiles,
  flavours,
  isAuthSecretSpecified,
  isLocalDbEnabled,
  isMonitoringEnabled,
  isRouteEnabled,
  rawRuntimeConfig,
  readBackstageCR,
  route,
} from '../../fn/model/cr';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { operatorExamples } from '../operator-data';

function cr(apiVersion: string, spec: unknown, metadata: Record<string, unknown> = { name: 'bs1', namespace: 'ns1' }): KObject {
  return { apiVersion, kind: 'Backstage', metadata, ...(spec === undefined ? {} : { spec }) } as KObject;
}

const V5 = 'rhdh.redhat.com/v1alpha5';
const V4 = 'rhdh.redhat.com/v1alpha4';
const V3 = 'rhdh.redhat.com/v1alpha3';

describe('readBackstageCR', () => {
  test('reads a v1alpha5 CR as given, without results', () => {
    const obj = cr(V5, { application: { appConfig: { configMaps: [{ name: 'a' }] } } }, {
      name: 'bs1',
      namespace: 'ns1',
      labels: { a: 'b' },
      annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' },
    });
    const diag = new Diagnostics();
    expect(readBackstageCR(obj, 'other', diag)).toEqual({
      apiVersion: V5,
      name: 'bs1',
      namespace: 'ns1',
      labels: { a: 'b' },
      annotations: { 'rhdh.redhat.com/deployment-patch-list-merge-mode': 'prepend' },
      spec: { application: { appConfig: { configMaps: [{ name: 'a' }] } } },
      object: obj,
    });
    expect(diag.results).toEqual([]);
  });

  test('labels and annotations named __proto__ or constructor are kept as keys of plain maps', () => {
    const meta = JSON.parse('{"name": "bs1", "namespace": "ns1", "labels": {"__proto__": "a", "constructor": "b"}, "annotations": {"__proto__": "c", "toString": "d"}}');
    const r = readBackstageCR(cr(V5, {}, meta), undefined, new Diagnostics())!;
    expect(Object.getOwnPropertyNames(r.labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyNames(r.annotations)).toEqual(['__proto__', 'toString']);
    expect([Object.getPrototypeOf(r.labels), Object.getPrototypeOf(r.annotations)]).toEqual([Object.prototype, Object.prototype]);
    expect(r.labels.__proto__).toBe('a');
  });

  test('no spec reads as an empty spec', () => {
    const diag = new Diagnostics();
    const r = readBackstageCR(cr(V5, undefined), undefined, diag);
    expect(r?.spec).toEqual({});
    expect(diag.results).toEqual([]);
  });

  test('a missing namespace falls back to "default", with an info result', () => {
    const obj = cr(V5, {}, { name: 'bs1' });
    const diag = new Diagnostics();
    expect(readBackstageCR(obj, undefined, diag)?.namespace).toBe('default');
    expect(diag.results).toEqual([
      {
        severity: 'info',
        message:
          'the CR has no metadata.namespace: rendered into namespace "default", as kubectl, kustomize and kpt do; set metadata.namespace or the namespace option to choose another',
        resourceRef: { apiVersion: V5, kind: 'Backstage', name: 'bs1' },
        field: { path: 'metadata.namespace' },
      },
    ]);
  });

  test('a missing namespace takes the default namespace given', () => {
    const diag = new Diagnostics();
    expect(readBackstageCR(cr(V5, {}, { name: 'bs1' }), 'team-a', diag)?.namespace).toBe('team-a');
    expect(diag.results).toEqual([
      {
        severity: 'info',
        message: 'the CR has no metadata.namespace: rendered into namespace "team-a" (the namespace option)',
        resourceRef: { apiVersion: V5, kind: 'Backstage', name: 'bs1' },
        field: { path: 'metadata.namespace' },
      },
    ]);
  });

  test('an unsupported apiVersion is an error on apiVersion', () => {
    const diag = new Diagnostics();
    expect(readBackstageCR(cr('rhdh.redhat.com/v1beta1', {}), undefined, diag)).toBeUndefined();
    expect(diag.results).toEqual([
      {
        severity: 'error',
        message:
          'apiVersion "rhdh.redhat.com/v1beta1" is not supported; accepted: rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5 (v1alpha5 is current)',
        resourceRef: { apiVersion: 'rhdh.redhat.com/v1beta1', kind: 'Backstage', name: 'bs1', namespace: 'ns1' },
        field: { path: 'apiVersion' },
      },
    ]);
    const d2 = new Diagnostics();
    expect(readBackstageCR(cr('rhdh.redhat.com/v1alpha2', {}), undefined, d2)).toBeUndefined();
    expect(d2.results.map((r) => r.message)).toEqual([
      'rhdh.redhat.com/v1alpha2 is no longer served by the operator; accepted: rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5 (v1alpha5 is current)',
    ]);
  });

  test('a missing name is an error on metadata.name', () => {
    const diag = new Diagnostics();
    expect(readBackstageCR(cr(V5, {}, { namespace: 'ns1' }), undefined, diag)).toBeUndefined();
    expect(diag.results).toEqual([
      {
        severity: 'error',
        message: 'metadata.name is required: every object the operator creates is named after the Backstage CR',
        resourceRef: { apiVersion: V5, kind: 'Backstage', name: '', namespace: 'ns1' },
        field: { path: 'metadata.name' },
      },
    ]);
  });

  test('fields of the wrong type are errors on their path', () => {
    const diag = new Diagnostics();
    const obj = cr(V5, {
      application: {
        extraFiles: { secrets: [{ name: 's1', key: 'k' }, { key: 'k2' }, 'x'] },
        extraEnvs: { envs: [{ name: 'A' }], configMaps: [{ name: 'c', containers: ['*', 'install-dynamic-plugins'] }] },
        route: { enabled: 'yes' },
      },
      deployment: { kind: 'DaemonSet', patch: [] },
      flavours: [{ name: 'lightspeed', enabled: 1 }],
    });
    expect(readBackstageCR(obj, undefined, diag)).toBeUndefined();
    const ref = { apiVersion: V5, kind: 'Backstage', name: 'bs1', namespace: 'ns1' };
    expect(diag.results).toEqual(
      [
        ['spec.application.extraFiles.secrets[1].name', 'spec.application.extraFiles.secrets[1].name is required'],
        ['spec.application.extraFiles.secrets[2]', 'spec.application.extraFiles.secrets[2] must be a map, not a string'],
        [
          'spec.application.extraEnvs.configMaps[0].containers',
          "spec.application.extraEnvs.configMaps[0].containers: if '*' is specified, no other container names are allowed",
        ],
        ['spec.application.extraEnvs.envs[0].value', 'spec.application.extraEnvs.envs[0].value is required'],
        ['spec.application.route.enabled', 'spec.application.route.enabled must be true or false, not a string'],
        ['spec.deployment.patch', 'spec.deployment.patch must be a map, not a list'],
        ['spec.deployment.kind', 'spec.deployment.kind must be Deployment or StatefulSet, not "DaemonSet"'],
        ['spec.flavours[0].enabled', 'spec.flavours[0].enabled must be true or false, not a number'],
      ].map(([path, message]) => ({ severity: 'error', message, resourceRef: ref, field: { path } })),
    );
  });

  test('v1alpha3: served no more, and its missing fields are warned about and ignored', () => {
    const diag = new Diagnostics();
    const obj = cr(V3, {
      monitoring: { enabled: true },
      application: { extraFiles: { configMaps: [{ name: 'cm1', containers: ['*'] }] }, image: 'quay.io/x:1' },
      flavours: [{ name: 'orchestrator' }],
    });
    const r = readBackstageCR(obj, undefined, diag)!;
    const ref = { apiVersion: V3, kind: 'Backstage', name: 'bs1', namespace: 'ns1' };
    expect(diag.results).toEqual([
      {
        severity: 'warning',
        message:
          "rhdh.redhat.com/v1alpha3 is not served by the operator's CRD since release 1.10: applying this CR fails; it is rendered as v1alpha5 would be. Change apiVersion to rhdh.redhat.com/v1alpha5 (v1alpha3 fields are the same, except application.image, replicas and imagePullSecrets, which v1alpha5 sets with spec.deployment.patch)",
        resourceRef: ref,
        field: { path: 'apiVersion' },
      },
      {
        severity: 'warning',
        message:
          'spec.application.extraFiles.configMaps[0].containers is not a field of rhdh.redhat.com/v1alpha3 (it came with v1alpha4): the API server drops it, so it has no effect; use apiVersion rhdh.redhat.com/v1alpha5',
        resourceRef: ref,
        field: { path: 'spec.application.extraFiles.configMaps[0].containers' },
      },
      {
        severity: 'warning',
        message:
          'spec.application.image has no effect: operator 1.10 reads every CR as v1alpha5, which has no such field (only operators up to 1.8 applied it), so it is not rendered either; set it with spec.deployment.patch (spec.template.spec.containers[].image)',
        resourceRef: ref,
        field: { path: 'spec.application.image' },
      },
      {
        severity: 'warning',
        message:
          'spec.monitoring is not a field of rhdh.redhat.com/v1alpha3 (it came with v1alpha4): the API server drops it, so it has no effect; use apiVersion rhdh.redhat.com/v1alpha5',
        resourceRef: ref,
        field: { path: 'spec.monitoring' },
      },
      {
        severity: 'warning',
        message:
          'spec.flavours is not a field of rhdh.redhat.com/v1alpha3 (it came with v1alpha5): the API server drops it, so it has no effect; use apiVersion rhdh.redhat.com/v1alpha5',
        resourceRef: ref,
        field: { path: 'spec.flavours' },
      },
    ]);
    expect(isMonitoringEnabled(r)).toBe(false);
    expect(flavours(r)).toBeUndefined();
    expect(extraFiles(r)).toEqual({
      mountPath: '/opt/app-root/src',
      configMaps: [{ name: 'cm1', path: 'spec.application.extraFiles.configMaps[0]' }],
      secrets: [],
      pvcs: [],
    });
  });

  test('v1alpha4: application.image, replicas, imagePullSecrets are warned about (not applied); flavours and deployment.kind are not fields', () => {
    const diag = new Diagnostics();
    const obj = cr(V4, {
      application: { image: 'quay.io/x:1', replicas: 2, imagePullSecrets: ['p1', 'p2'] },
      monitoring: { enabled: true },
      deployment: { kind: 'StatefulSet' },
      flavours: [],
    });
    const r = readBackstageCR(obj, undefined, diag)!;
    expect(diag.results.map((x) => [x.severity, x.field?.path])).toEqual([
      ['warning', 'spec.application.image'],
      ['warning', 'spec.application.replicas'],
      ['warning', 'spec.application.imagePullSecrets'],
      ['warning', 'spec.deployment.kind'],
      ['warning', 'spec.flavours'],
    ]);
    expect(diag.results[1].message).toBe(
      'spec.application.replicas has no effect: operator 1.10 reads every CR as v1alpha5, which has no such field (only operators up to 1.8 applied it), so it is not rendered either; set it with spec.deployment.patch (spec.replicas)',
    );
    expect(isMonitoringEnabled(r)).toBe(true);
    expect(deploymentKind(r)).toBeUndefined();
    expect(flavours(r)).toBeUndefined();
  });

  test('containers on an appConfig entry has no effect: a warning', () => {
    const diag = new Diagnostics();
    const r = readBackstageCR(cr(V5, { application: { appConfig: { configMaps: [{ name: 'a', containers: ['*'] }] } } }), undefined, diag)!;
    expect(diag.results).toEqual([
      {
        severity: 'warning',
        message:
          'spec.application.appConfig.configMaps[0].containers has no effect: the operator mounts app-config files into the Backstage container only (and passes them as --config arguments)',
        resourceRef: { apiVersion: V5, kind: 'Backstage', name: 'bs1', namespace: 'ns1' },
        field: { path: 'spec.application.appConfig.configMaps[0].containers' },
      },
    ]);
    expect(appConfig(r)?.configMaps).toEqual([{ name: 'a', path: 'spec.application.appConfig.configMaps[0]' }]);
  });

  test('v1alpha5: the removed application fields are warned about and not read', () => {
    const diag = new Diagnostics();
    const r = readBackstageCR(cr(V5, { application: { replicas: 3 } }), undefined, diag)!;
    expect(diag.results).toEqual([
      {
        severity: 'warning',
        message:
          'spec.application.replicas is not a field of rhdh.redhat.com/v1alpha5 (it was removed with v1alpha5): the API server drops it, so it has no effect; set it with spec.deployment.patch instead',
        resourceRef: { apiVersion: V5, kind: 'Backstage', name: 'bs1', namespace: 'ns1' },
        field: { path: 'spec.application.replicas' },
      },
    ]);
    expect(r.spec.application).toEqual({ replicas: 3 });
  });
});

describe('accessors', () => {
  const read = (spec: unknown, apiVersion = V5) => {
    const diag = new Diagnostics();
    const r = readBackstageCR(cr(apiVersion, spec), undefined, diag);
    expect(diag.results.filter((x) => x.severity === 'error')).toEqual([]);
    return r!;
  };

  test('defaults for an empty spec (the CRD defaults and the Go helpers)', () => {
    const r = read({});
    expect(isLocalDbEnabled(r)).toBe(true);
    expect(isRouteEnabled(r)).toBe(true);
    expect(isMonitoringEnabled(r)).toBe(false);
    expect(isAuthSecretSpecified(r)).toBe(false);
    expect(authSecretName(r)).toBeUndefined();
    expect(deploymentKind(r)).toBeUndefined();
    expect(deploymentPatch(r)).toBeUndefined();
    expect(appConfig(r)).toBeUndefined();
    expect(extraFiles(r)).toBeUndefined();
    expect(extraEnvs(r)).toBeUndefined();
    expect(route(r)).toBeUndefined();
    expect(database(r)).toEqual({ enableLocalDb: true });
    expect(rawRuntimeConfig(r)).toBeUndefined();
    expect(dynamicPluginsConfigMapName(r)).toBeUndefined();
    expect(flavours(r)).toBeUndefined();
  });

  test('a full v1alpha5 spec', () => {
    const r = read({
      application: {
        appConfig: { configMaps: [{ name: 'ac1' }, { name: 'ac2', key: 'a.yaml', mountPath: 'sub' }] },
        dynamicPluginsConfigMapName: 'dp',
        extraFiles: {
          mountPath: '/data',
          configMaps: [{ name: 'cm1', containers: ['*'] }],
          secrets: [{ name: 's1', key: 'k1' }],
          pvcs: [{ name: 'p1', mountPath: '/p' }],
        },
        extraEnvs: {
          configMaps: [{ name: 'ecm', key: 'K' }],
          secrets: [{ name: 'es', containers: ['backstage-backend', 'install-dynamic-plugins'] }],
          envs: [{ name: 'E', value: 'v' }],
        },
        route: { enabled: false, host: 'h.example.com', tls: { certificate: 'c' } },
      },
      database: { enableLocalDb: false, authSecretName: 'dbs' },
      monitoring: { enabled: true },
      rawRuntimeConfig: { backstageConfig: 'raw1' },
      deployment: { kind: 'StatefulSet', patch: { spec: { replicas: 2 } } },
      flavours: [{ name: 'orchestrator' }, { name: 'lightspeed', enabled: false }],
    });
    expect(isLocalDbEnabled(r)).toBe(false);
    expect(isRouteEnabled(r)).toBe(false);
    expect(isMonitoringEnabled(r)).toBe(true);
    expect(isAuthSecretSpecified(r)).toBe(true);
    expect(deploymentKind(r)).toBe('StatefulSet');
    expect(deploymentPatch(r)).toEqual({ spec: { replicas: 2 } });
    expect(appConfig(r)).toEqual({
      mountPath: '/opt/app-root/src',
      configMaps: [
        { name: 'ac1', path: 'spec.application.appConfig.configMaps[0]' },
        { name: 'ac2', key: 'a.yaml', mountPath: 'sub', path: 'spec.application.appConfig.configMaps[1]' },
      ],
    });
    expect(extraFiles(r)).toEqual({
      mountPath: '/data',
      configMaps: [{ name: 'cm1', containers: ['*'], path: 'spec.application.extraFiles.configMaps[0]' }],
      secrets: [{ name: 's1', key: 'k1', path: 'spec.application.extraFiles.secrets[0]' }],
      pvcs: [{ name: 'p1', mountPath: '/p', path: 'spec.application.extraFiles.pvcs[0]' }],
    });
    expect(extraEnvs(r)).toEqual({
      configMaps: [{ name: 'ecm', key: 'K', path: 'spec.application.extraEnvs.configMaps[0]' }],
      secrets: [{ name: 'es', containers: ['backstage-backend', 'install-dynamic-plugins'], path: 'spec.application.extraEnvs.secrets[0]' }],
      envs: [{ name: 'E', value: 'v', path: 'spec.application.extraEnvs.envs[0]' }],
    });
    expect(route(r)).toEqual({ enabled: false, host: 'h.example.com', tls: { certificate: 'c' } });
    expect(database(r)).toEqual({ enableLocalDb: false, authSecretName: 'dbs' });
    expect(rawRuntimeConfig(r)).toEqual({ backstageConfig: 'raw1' });
    expect(dynamicPluginsConfigMapName(r)).toBe('dp');
    expect(flavours(r)).toEqual([
      { name: 'orchestrator', enabled: true, path: 'spec.flavours[0]' },
      { name: 'lightspeed', enabled: false, path: 'spec.flavours[1]' },
    ]);
  });

  test('flavours: [] is kept apart from no flavours', () => {
    expect(flavours(read({ flavours: [] }))).toEqual([]);
    expect(flavours(read({ flavours: null }))).toBeUndefined();
  });

  test('route given without enabled is enabled', () => {
    const r = read({ application: { route: { subdomain: 'portal' } } });
    expect(route(r)).toEqual({ enabled: true, subdomain: 'portal' });
    expect(isRouteEnabled(r)).toBe(true);
  });
});

describeWithShared('every example CR of the operator reads without error', () => {
  const files = operatorExamples().map(([dir, f]) => [`${dir}/examples/${f}`, path.join(OPERATOR_DATA, dir, 'examples', f)]);
  test.each(files)('%s', (_name, file) => {
    const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8')) as KObject[];
    const crs = docs.filter((d) => d.kind === 'Backstage');
    expect(crs.length).toBeGreaterThan(0);
    for (const obj of crs) {
      const diag = new Diagnostics();
      const r = readBackstageCR(obj, 'ns1', diag);
      expect(diag.results.filter((x) => x.severity !== 'info')).toEqual([]);
      expect(r?.name).toBe(obj.metadata.name);
    }
  });
});
