// List merge keys that kyaml's merge2 (kustomize kyaml v0.18.1, the version the
// operator and kubectl's kustomize v5.5 use) reads from its embedded Kubernetes
// v1.21.2 OpenAPI. Regenerate with test/merge/tools/derive-merge-schema.mjs.
//
// RESOURCE_TYPES: "<apiVersion>|<kind>" -> root type ('' = known type without
// associative lists). TYPES: type -> field -> spec, where a spec is
//   'Type'            an object field of that type,
//   'Item[]k1,k2'     an associative list (patch strategy "merge") merged by
//                     keys k1,k2 (x-kubernetes-list-map-keys, else the patch
//                     merge key); Item is the element type when it matters,
//   '[]='             an associative list of scalars (merged by value).
// Only fields that lead to associative lists are listed; every other field of a
// known type has a schema without associative lists (its lists are replaced).

export const RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'apps/v1|Deployment': 'Deployment',
  'apps/v1|StatefulSet': 'StatefulSet',
  'apps/v1|DaemonSet': 'DaemonSet',
  'apps/v1|ReplicaSet': 'ReplicaSet',
  'v1|Pod': 'Pod',
  'v1|PodTemplate': 'PodTemplate',
  'v1|Service': 'Service',
  'v1|ConfigMap': 'ConfigMap',
  'v1|Secret': 'Secret',
  'v1|PersistentVolumeClaim': 'PersistentVolumeClaim',
  'v1|ServiceAccount': 'ServiceAccount',
  'batch/v1|Job': 'Job',
  'batch/v1|CronJob': 'batch.v1.CronJob',
  'batch/v1beta1|CronJob': 'batch.v1beta1.CronJob',
  'networking.k8s.io/v1|Ingress': 'Ingress',
  'networking.k8s.io/v1|NetworkPolicy': 'NetworkPolicy',
};

export const TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'batch.v1.CronJob': { metadata: 'ObjectMeta', spec: 'batch.v1.CronJobSpec' },
  'batch.v1.CronJobSpec': { jobTemplate: 'batch.v1.JobTemplateSpec' },
  'batch.v1.JobTemplateSpec': { metadata: 'ObjectMeta', spec: 'JobSpec' },
  'batch.v1beta1.CronJob': { metadata: 'ObjectMeta', spec: 'batch.v1beta1.CronJobSpec' },
  'batch.v1beta1.CronJobSpec': { jobTemplate: 'batch.v1beta1.JobTemplateSpec' },
  'batch.v1beta1.JobTemplateSpec': { metadata: 'ObjectMeta', spec: 'JobSpec' },
  ConfigMap: { metadata: 'ObjectMeta' },
  Container: { env: '[]name', ports: '[]containerPort,protocol', volumeDevices: '[]devicePath', volumeMounts: '[]mountPath' },
  DaemonSet: { metadata: 'ObjectMeta', spec: 'DaemonSetSpec', status: 'DaemonSetStatus' },
  DaemonSetSpec: { template: 'PodTemplateSpec' },
  DaemonSetStatus: { conditions: '[]type' },
  Deployment: { metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'DeploymentStatus' },
  DeploymentSpec: { template: 'PodTemplateSpec' },
  DeploymentStatus: { conditions: '[]type' },
  EphemeralContainer: { env: '[]name', volumeDevices: '[]devicePath', volumeMounts: '[]mountPath' },
  EphemeralVolumeSource: { volumeClaimTemplate: 'PersistentVolumeClaimTemplate' },
  Ingress: { metadata: 'ObjectMeta' },
  Job: { metadata: 'ObjectMeta', spec: 'JobSpec', status: 'JobStatus' },
  JobSpec: { template: 'PodTemplateSpec' },
  JobStatus: { conditions: '[]type' },
  NetworkPolicy: { metadata: 'ObjectMeta' },
  ObjectMeta: { finalizers: '[]=', ownerReferences: '[]uid' },
  PersistentVolumeClaim: { metadata: 'ObjectMeta', status: 'PersistentVolumeClaimStatus' },
  PersistentVolumeClaimStatus: { conditions: '[]type' },
  PersistentVolumeClaimTemplate: { metadata: 'ObjectMeta' },
  Pod: { metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus' },
  PodSpec: { containers: 'Container[]name', ephemeralContainers: 'EphemeralContainer[]name', hostAliases: '[]ip', imagePullSecrets: '[]name', initContainers: 'Container[]name', topologySpreadConstraints: '[]topologyKey,whenUnsatisfiable', volumes: 'Volume[]name' },
  PodStatus: { conditions: '[]type', podIPs: '[]ip' },
  PodTemplate: { metadata: 'ObjectMeta', template: 'PodTemplateSpec' },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  ReplicaSet: { metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'ReplicaSetStatus' },
  ReplicaSetSpec: { template: 'PodTemplateSpec' },
  ReplicaSetStatus: { conditions: '[]type' },
  Secret: { metadata: 'ObjectMeta' },
  Service: { metadata: 'ObjectMeta', spec: 'ServiceSpec', status: 'ServiceStatus' },
  ServiceAccount: { metadata: 'ObjectMeta', secrets: '[]name' },
  ServiceSpec: { ports: '[]port,protocol' },
  ServiceStatus: { conditions: '[]type' },
  StatefulSet: { metadata: 'ObjectMeta', spec: 'StatefulSetSpec', status: 'StatefulSetStatus' },
  StatefulSetSpec: { template: 'PodTemplateSpec' },
  StatefulSetStatus: { conditions: '[]type' },
  Volume: { ephemeral: 'EphemeralVolumeSource' },
};
