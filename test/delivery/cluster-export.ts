// What `kubectl get -o yaml` shows for objects the rhdh-operator created, made from our rendered
// output: the fields a real API server and its controllers add (uid, resourceVersion,
// creationTimestamp, generation, managedFields, status, ownerReferences to the CR), the defaults
// it fills in (Deployment strategy and limits, pod and container defaults, Service IPs and
// policies, StatefulSet claim templates, Route host and weight), quantities in canonical form,
// Secret stringData folded into data, and no backstage-render.dev/* annotations (the operator
// never wrote them). Written from the Kubernetes API defaulting code (pkg/apis/*/v1/defaults.go),
// independently of cli/diff.ts, so the diff is tested against it rather than against itself.
type Obj = Record<string, any>;

const CANONICAL_BINARY: Array<[string, number]> = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** resource.Quantity's canonical string for the values our profiles use. */
export function canonicalQuantity(q: string): string {
  const m = /^([0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G)?$/.exec(q);
  if (!m) return q;
  const n = Number(m[1]);
  const suf = m[2] ?? '';
  if (suf.endsWith('i')) {
    const bytes = n * CANONICAL_BINARY.find(([s]) => s === suf)![1];
    for (const [s, f] of CANONICAL_BINARY) if (bytes % f === 0 && bytes >= f) return `${bytes / f}${s}`;
    return String(bytes);
  }
  const milli = Math.round(n * ({ '': 1000, m: 1, k: 1e6, M: 1e9, G: 1e12 } as Record<string, number>)[suf]);
  if (milli % 1000 !== 0) return `${milli}m`;
  const units = milli / 1000;
  for (const [s, f] of [['G', 1e9], ['M', 1e6], ['k', 1e3]] as Array<[string, number]>) if (units % f === 0 && units >= f) return `${units / f}${s}`;
  return String(units);
}

function canonicalResources(r: Obj | undefined): void {
  for (const k of ['requests', 'limits']) for (const [n, v] of Object.entries(r?.[k] ?? {})) r![k][n] = canonicalQuantity(String(v));
}

function floating(image: string): boolean {
  return !image.includes('@') && (image.lastIndexOf(':') <= image.lastIndexOf('/') || image.endsWith(':latest'));
}

function defaultProbe(p: Obj | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) p.httpGet.scheme ??= 'HTTP';
}

function defaultPvcSpec(spec: Obj): void {
  spec.volumeMode ??= 'Filesystem';
  for (const k of ['requests', 'limits']) for (const [n, v] of Object.entries(spec.resources?.[k] ?? {})) spec.resources[k][n] = canonicalQuantity(String(v));
}

function defaultPodTemplate(tpl: Obj, restartPolicy: string): void {
  tpl.metadata = { creationTimestamp: null, ...(tpl.metadata ?? {}) };
  const s = tpl.spec;
  s.restartPolicy ??= restartPolicy;
  s.terminationGracePeriodSeconds ??= 30;
  s.dnsPolicy ??= 'ClusterFirst';
  s.securityContext ??= {};
  s.schedulerName ??= 'default-scheduler';
  if (s.serviceAccountName) s.serviceAccount = s.serviceAccountName;
  for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) {
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.imagePullPolicy ??= floating(c.image) ? 'Always' : 'IfNotPresent';
    c.resources ??= {};
    canonicalResources(c.resources);
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
    for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
    defaultProbe(c.livenessProbe);
    defaultProbe(c.readinessProbe);
    defaultProbe(c.startupProbe);
  }
  for (const v of s.volumes ?? []) {
    for (const src of ['configMap', 'secret', 'projected', 'downwardAPI']) if (v[src]) v[src].defaultMode ??= 420;
    if (v.ephemeral?.volumeClaimTemplate) {
      v.ephemeral.volumeClaimTemplate.metadata = { creationTimestamp: null, ...(v.ephemeral.volumeClaimTemplate.metadata ?? {}) };
      defaultPvcSpec(v.ephemeral.volumeClaimTemplate.spec);
    }
  }
}

export interface ExportOptions {
  cr: { name: string; namespace: string; uid: string; apiVersion?: string };
  /** The Route's host when the object sets none (the router generates one). */
  routeHost?: string;
}

/** One object as the API server returns it after the operator created it. */
export function asLive(input: Obj, i: number, opts: ExportOptions): Obj {
  const o: Obj = structuredClone(input);
  const annotations = Object.fromEntries(Object.entries(o.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('backstage-render.dev/')));
  const meta: Obj = { ...o.metadata };
  delete meta.annotations;
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  o.metadata = {
    ...meta,
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    resourceVersion: String(100000 + i),
    creationTimestamp: '2025-06-01T10:00:00Z',
    ownerReferences: [{ apiVersion: opts.cr.apiVersion ?? 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', name: opts.cr.name, uid: opts.cr.uid, controller: true, blockOwnerDeletion: true }],
    managedFields: [{ manager: 'manager', operation: 'Update', apiVersion: o.apiVersion, time: '2025-06-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }],
  };
  switch (o.kind) {
    case 'Secret': {
      const data: Obj = { ...(o.data ?? {}) };
      for (const [k, v] of Object.entries(o.stringData ?? {})) data[k] = Buffer.from(String(v)).toString('base64');
      delete o.stringData;
      o.data = data;
      o.type ??= 'Opaque';
      break;
    }
    case 'Deployment': {
      o.metadata.generation = 1;
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': '1' };
      o.spec.replicas ??= 1;
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.progressDeadlineSeconds ??= 600;
      o.spec.strategy ??= { type: 'RollingUpdate' };
      if (o.spec.strategy.type === 'RollingUpdate') o.spec.strategy.rollingUpdate ??= { maxUnavailable: '25%', maxSurge: '25%' };
      defaultPodTemplate(o.spec.template, 'Always');
      o.status = { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 };
      break;
    }
    case 'StatefulSet': {
      o.metadata.generation = 1;
      o.spec.replicas ??= 1;
      o.spec.revisionHistoryLimit ??= 10;
      o.spec.podManagementPolicy ??= 'OrderedReady';
      o.spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      o.spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      for (const t of o.spec.volumeClaimTemplates ?? []) {
        t.apiVersion ??= 'v1';
        t.kind ??= 'PersistentVolumeClaim';
        t.metadata = { creationTimestamp: null, ...(t.metadata ?? {}) };
        defaultPvcSpec(t.spec);
        t.status = { phase: 'Pending' };
      }
      defaultPodTemplate(o.spec.template, 'Always');
      o.status = { observedGeneration: 1, replicas: 1, readyReplicas: 1, currentRevision: 'x-1', updateRevision: 'x-1' };
      break;
    }
    case 'Job': {
      o.metadata.generation = 1;
      const uid = o.metadata.uid;
      o.spec.backoffLimit ??= 6;
      o.spec.completions ??= 1;
      o.spec.parallelism ??= 1;
      o.spec.completionMode ??= 'NonIndexed';
      o.spec.suspend ??= false;
      o.spec.manualSelector ??= false;
      o.spec.podReplacementPolicy ??= 'TerminatingOrFailed';
      o.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': o.metadata.name, 'controller-uid': uid, 'job-name': o.metadata.name };
      o.spec.template.metadata = { ...(o.spec.template.metadata ?? {}), labels: { ...(o.spec.template.metadata?.labels ?? {}), ...labels } };
      defaultPodTemplate(o.spec.template, 'Never');
      o.status = { succeeded: 1 };
      break;
    }
    case 'Service': {
      const s = o.spec;
      s.type ??= 'ClusterIP';
      s.clusterIP ??= `172.30.0.${10 + i}`;
      s.clusterIPs = [s.clusterIP];
      s.ipFamilies = ['IPv4'];
      s.ipFamilyPolicy = 'SingleStack';
      s.internalTrafficPolicy ??= 'Cluster';
      s.sessionAffinity ??= 'None';
      for (const p of s.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      o.status = { loadBalancer: {} };
      break;
    }
    case 'Route': {
      if (!o.spec.host) {
        o.spec.host = opts.routeHost ?? `${o.metadata.name}-${o.metadata.namespace}.apps.example.com`;
        o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'openshift.io/host.generated': 'true' };
      }
      o.spec.wildcardPolicy ??= 'None';
      o.spec.to.weight ??= 100;
      o.status = { ingress: [{ host: o.spec.host, routerName: 'default', conditions: [{ type: 'Admitted', status: 'True' }] }] };
      break;
    }
    case 'PersistentVolumeClaim': {
      defaultPvcSpec(o.spec);
      o.spec.volumeName = `pvc-${o.metadata.uid}`;
      o.spec.storageClassName ??= 'gp3-csi';
      o.metadata.finalizers = ['kubernetes.io/pvc-protection'];
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' };
      o.status = { phase: 'Bound' };
      break;
    }
    case 'NetworkPolicy':
      o.metadata.generation = 1;
      o.spec.policyTypes ??= o.spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
      break;
    default:
      break;
  }
  return o;
}

/** `kubectl get ... -o yaml` of several objects: a v1 List. */
export function clusterExport(objects: Obj[], opts: ExportOptions): Obj {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: objects.map((o, i) => asLive(o, i + 1, opts)) };
}
