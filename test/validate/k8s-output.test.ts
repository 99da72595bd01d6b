import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { parseYamlDocuments } from '../../fn/yaml';
import { BUILT_IN_KINDS, CUSTOM_KINDS, K8S_SCHEMA_DIR, KUBERNETES_SCHEMA_RELEASE, customKindSource, isBuiltInKind, isValidatedKind, validateKubernetesObject } from '../../fn/validate/k8s-output';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { OPERATOR_DATA_PROBLEMS, OPERATOR_FILES, OPERATOR_RELEASE_DIRS } from '../operator-data';

function deployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'backstage-bs1', namespace: 'ns1', labels: { 'app.kubernetes.io/name': 'backstage' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'rhdh.redhat.com/app': 'backstage-bs1' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { 'rhdh.redhat.com/app': 'backstage-bs1' }, annotations: { 'rhdh.redhat.com/ext-config-hash': 'abc' } },
        spec: {
          automountServiceAccountToken: false,
          volumes: [
            { name: 'dynamic-plugins-root', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } } } },
            { name: 'app-config', configMap: { name: 'backstage-appconfig-bs1', defaultMode: 420, optional: true } },
          ],
          initContainers: [{ name: 'install-dynamic-plugins', image: 'quay.io/rhdh/rhdh-hub-rhel9:1.10', command: ['./install-dynamic-plugins.sh', '/dynamic-plugins-root'] }],
          containers: [
            {
              name: 'backstage-backend',
              image: 'quay.io/rhdh/rhdh-hub-rhel9:1.10',
              args: ['--config', '/opt/app-root/src/app-config.yaml'],
              env: [{ name: 'APP_CONFIG_backend_listen_port', value: '7007' }, { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
              ports: [{ name: 'backend', containerPort: 7007 }],
              readinessProbe: { httpGet: { path: '/.backstage/health/v1/readiness', port: 'backend', scheme: 'HTTP' }, failureThreshold: 3 },
              resources: { limits: { cpu: '1000m', memory: '2.5Gi', 'ephemeral-storage': '5Gi' }, requests: { cpu: '250m' } },
              securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
              volumeMounts: [{ name: 'app-config', mountPath: '/opt/app-root/src/app-config.yaml', subPath: 'app-config.yaml', readOnly: true }],
            },
          ],
        },
      },
    },
  };
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('validateKubernetesObject', () => {
  test('accepts a realistic Deployment', () => {
    expect(validateKubernetesObject(deployment())).toEqual([]);
  });

  test('rejects a Deployment with an unknown field, with its path', () => {
    const d = deployment() as Mutable;
    d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    d.spec.replica = 2;
    expect(validateKubernetesObject(d as KObject)).toEqual([
      'spec.replica: unknown field "replica"',
      'spec.template.spec.containers[0].imagePullPolicyy: unknown field "imagePullPolicyy"',
    ]);
  });

  test('rejects a Deployment with wrong types', () => {
    const d = deployment() as Mutable;
    d.spec.replicas = '2';
    d.spec.template.spec.containers[0].ports[0].containerPort = '7007';
    d.spec.template.spec.containers[0].args = '--config x';
    d.spec.template.spec.volumes[1].configMap.defaultMode = 4.5;
    d.metadata.labels['app.kubernetes.io/version'] = 1.1;
    d.spec.template.spec.containers[0].readinessProbe.httpGet.port = true;
    expect(validateKubernetesObject(d as KObject)).toEqual([
      'metadata.labels["app.kubernetes.io/version"]: must be a string, not a number (1.1)',
      'spec.replicas: must be an integer, not a string ("2")',
      'spec.template.spec.containers[0].args: must be an array, not a string ("--config x")',
      'spec.template.spec.containers[0].ports[0].containerPort: must be an integer, not a string ("7007")',
      'spec.template.spec.containers[0].readinessProbe.httpGet.port: must be an integer or a string, not a boolean (true)',
      'spec.template.spec.volumes[1].configMap.defaultMode: must be an integer, not a number (4.5)',
    ]);
  });

  test('rejects missing required fields', () => {
    const d = deployment() as Mutable;
    delete d.spec.selector;
    delete d.spec.template.spec.containers[0].name;
    delete d.metadata.name;
    expect(validateKubernetesObject(d as KObject)).toEqual([
      'metadata.name: missing required field "name"',
      'spec.selector: missing required field "selector"',
      'spec.template.spec.containers[0].name: missing required field "name"',
    ]);
    expect(validateKubernetesObject({ apiVersion: 'v1', kind: 'ConfigMap' } as KObject)).toEqual(['metadata: missing required field "metadata"']);
  });

  test('optional fields may be null, required ones may not', () => {
    const d = deployment() as Mutable;
    d.spec.replicas = null;
    d.spec.template.spec.containers[0].securityContext = null;
    expect(validateKubernetesObject(d as KObject)).toEqual([]);
    d.spec.template.spec.containers[0].name = null;
    d.spec.template.spec.containers[0].resources.limits.cpu = null;
    expect(validateKubernetesObject(d as KObject)).toEqual([
      'spec.template.spec.containers[0].name: must be a string, not null',
      'spec.template.spec.containers[0].resources.limits.cpu: must be a string, not null',
    ]);
  });

  test('other kinds: Service, Secret, PVC, NetworkPolicy, Job, rbac', () => {
    expect(
      validateKubernetesObject({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'backstage-bs1' },
        spec: { type: 'ClusterIP', selector: { 'rhdh.redhat.com/app': 'backstage-bs1' }, ports: [{ name: 'http-backend', port: 80, targetPort: 'backend' }] },
      }),
    ).toEqual([]);
    expect(validateKubernetesObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ targetPort: 80 }] } })).toEqual([
      'spec.ports[0].port: missing required field "port"',
    ]);
    expect(validateKubernetesObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { ok: 'cGFzcw==', bad: 'pass!' }, stringData: { POSTGRES_PORT: '5432' } })).toEqual([
      'data.bad: must be base64-encoded data, not "pass!"',
    ]);
    expect(
      validateKubernetesObject({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'p' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClass: 'x' },
      }),
    ).toEqual(['spec.storageClass: unknown field "storageClass"']);
    expect(
      validateKubernetesObject({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow' },
        spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { a: 'b' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }], policyTypes: ['Ingress'] },
      }),
    ).toEqual([]);
    expect(
      validateKubernetesObject({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
      }),
    ).toEqual([]);
    expect(
      validateKubernetesObject({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'b' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
        subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'ns', uid: 'x' }],
      }),
    ).toEqual(['subjects[0].uid: unknown field "uid"']);
  });

  test('kinds without a schema are said so, never reported valid', () => {
    expect(validateKubernetesObject({ apiVersion: 'route.openshift.io/v1', kind: 'Route', metadata: { name: 'r' } })).toEqual([
      'no schema for route.openshift.io/v1 Route: not a kind covered here',
    ]);
    expect(validateKubernetesObject({ apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'r' } })).toEqual([
      'no schema for apps/v1beta1 Deployment: not a kind covered here',
    ]);
  });

  test('custom kinds with a registry package schema: the kinds, their packages, and real problems found', () => {
    expect(CUSTOM_KINDS).toEqual([
      'argoproj.io/v1alpha1/AppProject',
      'bitnami.com/v1alpha1/SealedSecret',
      'external-secrets.io/v1/ExternalSecret',
      'generators.external-secrets.io/v1alpha1/Password',
      'monitoring.coreos.com/v1/ServiceMonitor',
      'operator.knative.dev/v1beta1/KnativeEventing',
      'operator.knative.dev/v1beta1/KnativeServing',
    ]);
    expect(customKindSource('bitnami.com/v1alpha1', 'SealedSecret')).toMatch(/^@kubernetes-models\/sealed-secrets@\d+\.\d+\.\d+$/);
    expect(isValidatedKind('monitoring.coreos.com/v1', 'ServiceMonitor')).toBe(true);
    expect(isValidatedKind('route.openshift.io/v1', 'Route')).toBe(false);
    const sealed = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's', namespace: 'ns' }, spec: { encryptedData: { K: 'AgA=' }, template: { type: 'Opaque' } } };
    expect(validateKubernetesObject(sealed)).toEqual([]);
    expect(validateKubernetesObject({ ...sealed, spec: { template: { type: 3 } } })).toEqual(['spec.template.type: must be string', 'spec: must have required property encryptedData']);
    const es = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'e' },
      spec: { refreshPolicy: 'Once', target: { name: 's', creationPolicy: 'Orphan' }, dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'p' } } }] },
    };
    expect(validateKubernetesObject(es)).toEqual(['spec.refreshPolicy: must be equal to one of the allowed values: ["CreatedOnce","Periodic","OnChange"]']);
    expect(validateKubernetesObject({ apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', metadata: { name: 'p' }, spec: { length: 32 } })).toEqual([
      'spec: must have required property allowRepeat',
      'spec: must have required property noUpper',
    ]);
    // Unknown fields: from the kind's field tree (the package's declaration of I<Kind>), at any depth, in maps' values too.
    expect(validateKubernetesObject({ ...sealed, spec: { ...sealed.spec, encryptedDta: {} } })).toEqual(['spec.encryptedDta: unknown field "encryptedDta"']);
    const sm = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm', labels: { any: 'x' } }, spec: { selector: { matchLabels: { a: 'b' } }, endpoints: [{ port: 'p', path: '/metrics' }] } };
    expect(validateKubernetesObject(sm)).toEqual([]);
    expect(validateKubernetesObject({ ...sm, metadata: { ...sm.metadata, lables: {} }, spec: { ...sm.spec, endpoints: [{ port: 'p', pth: '/m' }] } })).toEqual([
      'metadata.lables: unknown field "lables"',
      'spec.endpoints[0].pth: unknown field "pth"',
    ]);
    expect(validateKubernetesObject({ ...es, spec: { ...es.spec, refreshPolicy: 'Periodic', target: { name: 's', creationPolicy: 'Orphan', templat: {} } } })).toEqual(['spec.target.templat: unknown field "templat"']);
  });

  test('isBuiltInKind', () => {
    expect(isBuiltInKind('apps/v1', 'Deployment')).toBe(true);
    expect(isBuiltInKind('apps/v1', 'StatefulSet')).toBe(true);
    expect(isBuiltInKind('v1', 'Secret')).toBe(true);
    expect(isBuiltInKind('networking.k8s.io/v1', 'NetworkPolicy')).toBe(true);
    expect(isBuiltInKind('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe(true);
    expect(isBuiltInKind('route.openshift.io/v1', 'Route')).toBe(false);
    expect(isBuiltInKind('monitoring.coreos.com/v1', 'ServiceMonitor')).toBe(false);
    expect(isBuiltInKind('sonataflow.org/v1alpha08', 'SonataFlowPlatform')).toBe(false);
    expect(isBuiltInKind('tekton.dev/v1', 'Task')).toBe(false);
    expect(isBuiltInKind('v1', 'Deployment')).toBe(false);
    expect(KUBERNETES_SCHEMA_RELEASE).toBe('1.34');
    expect(BUILT_IN_KINDS).toContain('batch/v1/CronJob');
  });

  test('validation does not change the object', () => {
    const d = deployment();
    const before = JSON.stringify(d);
    validateKubernetesObject(d);
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('the strict schemas derived from @kubernetes/client-node (scripts/k8s-schemas.mjs)', () => {
  const root = path.join(__dirname, '..', '..');
  const clientNode = path.join(root, 'node_modules', '@kubernetes', 'client-node');
  const models = path.join(clientNode, 'dist', 'gen', 'models');
  const schema = JSON.parse(fs.readFileSync(path.join(K8S_SCHEMA_DIR, 'kubernetes-strict.schema.json'), 'utf8')) as { definitions: Record<string, Mutable> };
  const index = JSON.parse(fs.readFileSync(path.join(K8S_SCHEMA_DIR, 'kinds.json'), 'utf8')) as { kubernetes: string; source: string; kinds: Record<string, string> };
  const split = (key: string): [string, string] => [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)];

  test('they come from the installed client-node, are generated under build/ and none are committed', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(clientNode, 'package.json'), 'utf8')) as { version: string }).version;
    expect(index.source).toBe(`@kubernetes/client-node@${version}`);
    expect(fs.readFileSync(path.join(models, 'V1ObjectMeta.d.ts'), 'utf8')).toContain('OpenAPI spec version: v1.34.');
    expect(index.kubernetes).toBe(KUBERNETES_SCHEMA_RELEASE);
    expect(path.relative(root, K8S_SCHEMA_DIR)).toBe(path.join('build', 'k8s'));
    expect(fs.readdirSync(path.join(root, 'schemas', 'k8s'))).toEqual(['README.md']);
  });

  test('the 28 built-in kinds are covered, each by its client-node model', () => {
    const expected = [
      'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'v1/ServiceAccount', 'v1/PersistentVolumeClaim', 'v1/PersistentVolume', 'v1/Pod', 'v1/Namespace',
      'v1/LimitRange', 'v1/ResourceQuota', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet', 'batch/v1/Job',
      'batch/v1/CronJob', 'networking.k8s.io/v1/NetworkPolicy', 'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/IngressClass',
      'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.authorization.k8s.io/v1/ClusterRole',
      'rbac.authorization.k8s.io/v1/ClusterRoleBinding', 'policy/v1/PodDisruptionBudget', 'autoscaling/v1/HorizontalPodAutoscaler',
      'autoscaling/v2/HorizontalPodAutoscaler', 'scheduling.k8s.io/v1/PriorityClass', 'storage.k8s.io/v1/StorageClass',
    ];
    expect(expected).toHaveLength(28);
    expect(BUILT_IN_KINDS).toEqual([...expected].sort());
    for (const key of expected) {
      const [apiVersion, kind] = split(key);
      expect(isBuiltInKind(apiVersion, kind)).toBe(true);
      const model = index.kinds[key].replace(/Object$/, '');
      expect({ key, model: /^V\d+/.exec(model)?.[0] + kind }).toEqual({ key, model });
      expect(fs.existsSync(path.join(models, `${model}.js`))).toBe(true);
      expect(schema.definitions[`${model}Object`].properties).toEqual({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata: { type: 'object', required: ['name'] } });
    }
  });

  test('every model is strict and has exactly the fields of its client-node model, required where the model says', () => {
    const models_ = Object.keys(schema.definitions).filter((d) => !d.endsWith('Object'));
    expect(models_.length).toBeGreaterThan(250);
    for (const name of models_) {
      const def = schema.definitions[name];
      expect({ name, additionalProperties: def.additionalProperties }).toEqual({ name, additionalProperties: false });
      // The .d.ts of the model: one `'field'?: type;` line per field, `?` when optional. The
      // TypeScript names differ from the JSON ones only where JSON uses a reserved word ("_from" is "from").
      const dts = fs.readFileSync(path.join(models, `${name}.d.ts`), 'utf8');
      const fields = [...dts.matchAll(/^ {4}'([^']+)'(\?)?: /gm)].map((m) => ({ field: m[1].replace(/^_(?=default$|from$|enum$|continue$|int$)/, ''), required: m[2] !== '?' }));
      expect({ name, fields: Object.keys(def.properties as object).sort() }).toEqual({ name, fields: fields.map((f) => f.field).sort() });
      expect({ name, required: [...((def.required as string[]) ?? [])].sort() }).toEqual({ name, required: fields.filter((f) => f.required).map((f) => f.field).sort() });
    }
    expect(schema.definitions.V1Container.required).toEqual(['name']);
  });

  test.each(BUILT_IN_KINDS.map((k) => [k]))('%s: an unknown field is rejected', (key) => {
    const [apiVersion, kind] = split(key);
    const problems = validateKubernetesObject({ apiVersion, kind, metadata: { name: 'x' }, specc: {} } as KObject);
    expect(problems).toContain('specc: unknown field "specc"');
    // Only the fields the kind requires besides metadata may be reported on top.
    expect(problems.filter((p) => p !== 'specc: unknown field "specc"').every((p) => / missing required field /.test(p))).toBe(true);
  });

  test('wrong types, a missing container name and out-of-range integers are rejected in every pod template', () => {
    const podSpec = (): Mutable => ({ containers: [{ image: 5, ports: [{ containerPort: 2147483648 }] }], restartPolicy: 'Never' });
    const objects: Array<[string, Mutable, string]> = [
      ['Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec() }, 'spec'],
      ['Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: podSpec() } } }, 'spec.template.spec'],
      [
        'CronJob',
        { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec() } } } } },
        'spec.jobTemplate.spec.template.spec',
      ],
      ...(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] as const).map(
        (kind): [string, Mutable, string] => [kind, { apiVersion: 'apps/v1', kind, metadata: { name: 'd' }, spec: { selector: {}, template: { spec: podSpec() } } }, 'spec.template.spec'],
      ),
    ];
    for (const [kind, obj, at] of objects) {
      expect({ kind, problems: validateKubernetesObject(obj as KObject) }).toEqual({
        kind,
        problems: [
          `${at}.containers[0].image: must be a string, not an integer (5)`,
          `${at}.containers[0].name: missing required field "name"`,
          `${at}.containers[0].ports[0].containerPort: must be a 32-bit integer, not 2147483648`,
        ],
      });
    }
  });
});

/** What the operator writes into its placeholders before creating the objects (names for CR bs1). */
function fillPlaceholders(obj: Mutable): Mutable {
  const label = (labels: Mutable | undefined, value: string) => {
    if (labels && 'rhdh.redhat.com/app' in labels && labels['rhdh.redhat.com/app'] === null) labels['rhdh.redhat.com/app'] = value;
  };
  label(obj.spec?.selector?.matchLabels, 'backstage-bs1');
  label(obj.spec?.template?.metadata?.labels, 'backstage-bs1');
  if (obj.kind === 'Service') label(obj.spec?.selector, 'backstage-bs1');
  return obj;
}

describeWithShared("the operator's default-config objects (../shared)", () => {
  // deployment.yaml of a flavour is a fragment merged into the Deployment, metadata.yaml is not an object.
  const files = OPERATOR_RELEASE_DIRS.flatMap((r) =>
    (['rhdh', 'backstage.io'] as const).flatMap((profile) =>
      OPERATOR_FILES[r][profile]
        .filter((f) => f.startsWith('default-config/') && !/^default-config\/flavours\/[^/]+\/(deployment|metadata)\.yaml$/.test(f))
        .map((f) => path.join(OPERATOR_DATA, r, 'config', 'profile', profile, f)),
    ),
  );
  test.each(files.map((f) => [path.relative(OPERATOR_DATA, f), f]))('%s validates (after the operator fills its placeholders)', (_rel, file) => {
    const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8')) as Mutable[];
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      if (!isBuiltInKind(doc.apiVersion, doc.kind)) {
        expect(`${doc.apiVersion} ${doc.kind}`).toBe('route.openshift.io/v1 Route');
        continue;
      }
      expect(validateKubernetesObject(fillPlaceholders(doc) as KObject)).toEqual([]);
    }
  });

  test('every built-in object of the plugin-deps, plugin-infra and plugin-rbac directories validates', () => {
    let checked = 0;
    for (const r of OPERATOR_RELEASE_DIRS) {
      for (const sub of ['plugin-deps', 'plugin-infra', 'plugin-rbac']) {
        const dir = path.join(OPERATOR_DATA, r, 'config', 'profile', 'rhdh', sub);
        for (const f of OPERATOR_FILES[r].rhdh.filter((x) => x.startsWith(`${sub}/`) && x !== `${sub}/kustomization.yaml`).map((x) => x.slice(sub.length + 1))) {
          // The operator replaces these placeholders in the text before it parses the YAML.
          const text = fs.readFileSync(path.join(dir, f), 'utf8').replace(/\{\{backstage-name\}\}/g, 'bs1').replace(/\{\{backstage-ns\}\}/g, 'ns1');
          for (const doc of parseYamlDocuments(text) as KObject[]) {
            if (!isValidatedKind(doc.apiVersion, doc.kind)) continue;
            checked++;
            expect({ file: `${r}/${sub}/${f}`, kind: doc.kind, name: doc.metadata.name, problems: validateKubernetesObject(doc) }).toEqual({
              file: `${r}/${sub}/${f}`,
              kind: doc.kind,
              name: doc.metadata.name,
              problems: OPERATOR_DATA_PROBLEMS[`${sub}/${f} ${doc.kind} ${doc.metadata.name}`] ?? [],
            });
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  test('the raw rhdh default Deployment shows its two empty placeholders, exactly', () => {
    const file = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'config', 'profile', 'rhdh', 'default-config', 'deployment.yaml');
    const [doc] = parseYamlDocuments(fs.readFileSync(file, 'utf8')) as KObject[];
    expect(validateKubernetesObject(doc)).toEqual([
      'spec.selector.matchLabels["rhdh.redhat.com/app"]: must be a string, not null',
      'spec.template.metadata.labels["rhdh.redhat.com/app"]: must be a string, not null',
    ]);
  });
});
