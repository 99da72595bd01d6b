// The operator reads profile objects, raw runtime config objects and the result of
// spec.deployment.patch into typed Go structs (k8s.io/api v0.31): a field those structs do not have
// is dropped without a word. We say so. The schema below covers the objects the model handles, down
// to containers and volumes; deeper levels (probes, resources, affinity, ...) are not checked.
import { appendAll, isObject } from '../kio/types';

/** Field name to its type (a SCHEMA key, `[]` + one for lists) or null (not checked further). */
type Fields = ReadonlyMap<string, string | null>;

const f = (names: string, typed: Record<string, string> = {}): Fields => {
  const out = new Map<string, string | null>();
  for (const n of names.split(/\s+/).filter(Boolean)) out.set(n, null);
  for (const [k, v] of Object.entries(typed)) out.set(k, v);
  return out;
};

const TOP = 'apiVersion kind metadata status';

// Looked up with keys from the input (kinds, field names): a Map, so `constructor`, `__proto__` or
// `toString` are unknown names, never Object.prototype's members.
const SCHEMA: ReadonlyMap<string, Fields> = new Map(
  Object.entries({
    ObjectMeta: f(
      'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields',
    ),
    Deployment: f(TOP, { metadata: 'ObjectMeta', spec: 'DeploymentSpec' }),
    DeploymentSpec: f('replicas selector strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds', { template: 'PodTemplateSpec' }),
    StatefulSet: f(TOP, { metadata: 'ObjectMeta', spec: 'StatefulSetSpec' }),
    StatefulSetSpec: f(
      'replicas selector volumeClaimTemplates serviceName podManagementPolicy updateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals',
      { template: 'PodTemplateSpec' },
    ),
    PodTemplateSpec: f('', { metadata: 'ObjectMeta', spec: 'PodSpec' }),
    PodSpec: f(
      'ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims',
      { volumes: '[]Volume', initContainers: '[]Container', containers: '[]Container' },
    ),
    Container: f(
      'name image command args workingDir ports resources resizePolicy restartPolicy volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty',
      { env: '[]EnvVar', envFrom: '[]EnvFromSource', volumeMounts: '[]VolumeMount' },
    ),
    EnvVar: f('name value valueFrom'),
    EnvFromSource: f('prefix configMapRef secretRef'),
    VolumeMount: f('name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr'),
    Volume: f(
      'name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image',
    ),
    Service: f(TOP, { metadata: 'ObjectMeta', spec: 'ServiceSpec' }),
    ServiceSpec: f(
      'ports selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
    ),
    ConfigMap: f(`${TOP} immutable data binaryData`, { metadata: 'ObjectMeta' }),
    Secret: f(`${TOP} immutable data stringData type`, { metadata: 'ObjectMeta' }),
    PersistentVolumeClaim: f(TOP, { metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec' }),
    PersistentVolumeClaimSpec: f('accessModes selector resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName'),
    Route: f(TOP, { metadata: 'ObjectMeta', spec: 'RouteSpec' }),
    RouteSpec: f('host subdomain path to alternateBackends port tls wildcardPolicy httpHeaders'),
  }),
);

/** The root type of a kind the model handles, or undefined. */
export function typeOfKind(kind: unknown): string | undefined {
  return typeof kind === 'string' && SCHEMA.get(kind)?.has('apiVersion') ? kind : undefined;
}

/**
 * Paths (like `spec.template.spec.containers[0].volumeMount`) of fields the operator's typed structs
 * do not have. Keys starting with `$` (strategic merge directives) are skipped.
 */
export function unknownFields(value: unknown, type: string, prefix = ''): string[] {
  const fields = SCHEMA.get(type);
  if (!fields || !isObject(value)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (!fields.has(k)) {
      out.push(path);
      continue;
    }
    const child = fields.get(k);
    if (!child) continue;
    if (child.startsWith('[]')) {
      if (Array.isArray(v)) v.forEach((item, i) => appendAll(out, unknownFields(item, child.slice(2), `${path}[${i}]`)));
    } else appendAll(out, unknownFields(v, child, path));
  }
  return out;
}

/** Deletes, in place, the fields unknownFields reports; returns their paths. */
export function pruneUnknownFields(value: unknown, type: string, prefix = ''): string[] {
  const fields = SCHEMA.get(type);
  if (!fields || !isObject(value)) return [];
  const out: string[] = [];
  for (const k of Object.keys(value)) {
    if (k.startsWith('$')) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (!fields.has(k)) {
      out.push(path);
      delete (value as Record<string, unknown>)[k];
      continue;
    }
    const child = fields.get(k);
    const v = (value as Record<string, unknown>)[k];
    if (!child) continue;
    if (child.startsWith('[]')) {
      if (Array.isArray(v)) v.forEach((item, i) => appendAll(out, pruneUnknownFields(item, child.slice(2), `${path}[${i}]`)));
    } else appendAll(out, pruneUnknownFields(v, child, path));
  }
  return out;
}

/**
 * The operator's typed structs hold labels, annotations, selectors, node selectors and ConfigMap /
 * Secret data as map[string]string: a key without a value (`backstage.io/app:`, null in YAML)
 * becomes "". Done in place on an object read from the profile or the raw runtime config.
 */
export function nullToEmptyInStringMaps(o: Record<string, unknown>): void {
  const fix = (m: unknown) => {
    if (!isObject(m)) return;
    for (const k of Object.keys(m)) if (m[k] === null) m[k] = '';
  };
  const meta = (m: unknown) => {
    if (!isObject(m)) return;
    fix(m.labels);
    fix(m.annotations);
  };
  meta(o.metadata);
  if (o.kind === 'ConfigMap' || o.kind === 'Secret') {
    fix(o.data);
    fix(o.binaryData);
    fix(o.stringData);
  }
  const spec = o.spec;
  if (!isObject(spec)) return;
  if (o.kind === 'Service') fix(spec.selector);
  else if (isObject(spec.selector)) fix(spec.selector.matchLabels);
  if (isObject(spec.template)) {
    meta(spec.template.metadata);
    if (isObject(spec.template.spec)) fix(spec.template.spec.nodeSelector);
  }
  if (Array.isArray(spec.volumeClaimTemplates)) for (const t of spec.volumeClaimTemplates) if (isObject(t)) meta(t.metadata);
}
