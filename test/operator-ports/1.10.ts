// The port table of release-1.10 (github: redhat-developer/rhdh-operator, branch release-1.10 at
// 5a18d426, the commit ../shared/operator-data/rhdh-operator-release-1.10 comes from): every Go test
// func of pkg/model/*_test.go and internal/controller/*_test.go, and every ginkgo `It` of
// integration_tests/*_test.go, with the jest test(s) of ours ported from it (our inputs, run through
// the renderer as operatorVersion 1.10), or why it does not apply. test/operator-ports/1.10-table.test.ts
// checks that each file has as many rows as it has tests and that every named test of ours exists.

export const OPERATOR_COMMIT_110 = '5a18d426ed19ba25c7940416807e8adde67dea76';

/** Go test file -> how many Test funcs (pkg/model, internal/controller) or `It(` specs (integration_tests) it has at that commit. */
export const GO_TEST_FILES_110: Record<string, number> = {
  'pkg/model/appconfig_test.go': 3,
  'pkg/model/configmapenvs_test.go': 7,
  'pkg/model/configmapfiles_test.go': 10,
  'pkg/model/db-secret_test.go': 3,
  'pkg/model/db-statefulset_test.go': 2,
  'pkg/model/default-config_test.go': 2,
  'pkg/model/deployment_test.go': 10,
  'pkg/model/dynamic-plugins_test.go': 14,
  'pkg/model/flavour_test.go': 5,
  'pkg/model/plugin_deps_test.go': 4,
  'pkg/model/pvcs_test.go': 5,
  'pkg/model/route_test.go': 7,
  'pkg/model/runtime_test.go': 8,
  'pkg/model/secretenvs_test.go': 5,
  'pkg/model/secretfiles_test.go': 9,
  'internal/controller/monitor_test.go': 4,
  'internal/controller/preprocessor_test.go': 2,
  'integration_tests/config-refresh_test.go': 3,
  'integration_tests/cr-compatibility_test.go': 1,
  'integration_tests/cr-config_test.go': 6,
  'integration_tests/db_test.go': 2,
  'integration_tests/default-config_test.go': 3,
  'integration_tests/plugin-deps_test.go': 1,
  'integration_tests/pvcs_test.go': 3,
  'integration_tests/rhdh-config_test.go': 4,
  'integration_tests/route_test.go': 1,
};

/** A jest test of ours: its file under test/ and its title as written (a test.each title with its %s). */
export interface OurTest {
  file: string;
  test: string;
}

export interface PortRow {
  /** The Go file, a key of GO_TEST_FILES_110. */
  goFile: string;
  /** The Go test func name, or the `It` text. */
  go: string;
  /** Ported: the tests of ours that assert what it asserts. */
  ours?: OurTest[];
  /** Not applicable: why (nothing the operator creates is asserted, or only a live cluster can show it). */
  notApplicable?: string;
  /** What differs on purpose, or what part is not ported. */
  note?: string;
}

const APPCONFIG = 'test/model/appconfig.test.ts';
const ENVS = 'test/model/envs.test.ts';
const FILES = 'test/model/files.test.ts';
const DB = 'test/model/db.test.ts';
const DEPLOYMENT = 'test/model/deployment.test.ts';
const DP = 'test/model/dynamic-plugins.test.ts';
const FLAVOUR = 'test/model/flavour.test.ts';
const PVCS = 'test/model/pvcs.test.ts';
const ROUTE = 'test/model/route.test.ts';
const RUNTIME = 'test/model/runtime.test.ts';
const DEPS = 'test/plugins/deps.test.ts';
const MERGE = 'test/plugins/merge.test.ts';
const MERGE_CASES = 'test/merge/operator-cases.test.ts';
const MONITOR = 'test/model-inputs/monitor.test.ts';
const DB_PASSWORD = 'test/model-inputs/db-password.test.ts';
const P_FILES = 'test/operator-ports/1.10-files.test.ts';
const P_ENVS = 'test/operator-ports/1.10-envs.test.ts';
const P_DEPLOYMENT = 'test/operator-ports/1.10-deployment.test.ts';
const P_DP = 'test/operator-ports/1.10-dynamic-plugins.test.ts';
const P_FLAVOUR = 'test/operator-ports/1.10-flavour.test.ts';
const P_MODEL = 'test/operator-ports/1.10-model.test.ts';
const P_INTEGRATION = 'test/operator-ports/1.10-integration.test.ts';

const t = (file: string, test: string): OurTest => ({ file, test });

// Titles of existing tests, used by several rows.
const CM_FILES_PROFILE = t(FILES, 'profile ConfigMaps: sub-path "*" per key (data then binaryData), one key, or a directory; containers annotation');
const CM_FILES_SPECIFIED = t(FILES, 'specified ConfigMaps: shared mount path, own path as a directory, a key, binary data, containers');
const CM_FILES_NO_CONTAINER = t(FILES, 'a container that the pod does not have is an error on the entry');
const SECRET_FILES_SPECIFIED = t(FILES, 'specified Secrets: a key, a directory, containers; neither key nor mountPath is an error');
const ENVS_PROFILE = t(ENVS, 'profile objects: envFrom, in key order (configmap-envs before secret-envs), containers annotation');
const ENVS_SPECIFIED = t(ENVS, 'specified: whole objects (envFrom), single keys (env valueFrom), envs (set or replace), containers');
const ENVS_NO_CONTAINER = t(ENVS, 'containers that the pod does not have are errors on the entries');
const ENVS_WITH_CONTAINERS = t(P_ENVS, 'TestSpecifiedCMEnvsWithContainers / TestSpecifiedSecretEnvsWithContainers (%s): named containers only; then "*": all four');
const DB_DEFAULT = t(DB, 'enabled by default: headless Service, StatefulSet pointing at it, Secret with the five keys, envFrom in both pods');
const DB_PROFILE_SECRETS = t(DB_PASSWORD, '%s as the profile Secret: the same five keys');
const IMAGE_OPTION = t(DEPLOYMENT, 'backstageImage (RELATED_IMAGE_backstage) sets the Backstage and the dynamic plugins init container, not sidecars; the patch still wins');
const STATEFULSET = t(DEPLOYMENT, 'spec.deployment.kind StatefulSet: same pod, metadata, replicas and selector; the rest dropped; then the patch');
const DP_ERRORS = t(DP, 'profile ConfigMap without the key, raw config without it, or a Deployment without the init container: error, no objects');
const PVCS_PROFILE = t(PVCS, 'profile PVCs: renamed, mounted at the working dir or the annotation path, containers annotation, sub-path annotation');
const ROUTE_DEFAULT = t(ROUTE, 'default Route: renamed, pointing at the Service');
const ROUTE_NONE = t(ROUTE, 'no Route: disabled in the spec, not configured anywhere, or not OpenShift');
const RUNTIME_DEFAULT = t(RUNTIME, 'without a local database only the Deployment and the Service; names, namespace, labels, selectors');
const RUNTIME_SINGLE_KEY_ERRORS = t(RUNTIME, 'several objects for a single-object key, or a wrong kind: error, no objects');
const MONITOR_ENABLED = t(MONITOR, 'monitoring enabled: the object of monitor.go (as in monitor_test.go)');
const SECRET_FILES_BOTH = t(P_FILES, '%s: the profile Secret directory and the CR Secret key, both volumes');
const PVC_RENDERED_PART = t(P_INTEGRATION, '%s: the profile PVCs (raw config) as objects, mounted at their annotation paths');
const NO_OWNER_REFERENCES = 'ownerReferences are not rendered (docs/differences.md)';

function rows(goFile: string, list: Array<[string, OurTest[] | string, string?]>): PortRow[] {
  return list.map(([go, what, note]) => ({ goFile, go, ...(typeof what === 'string' ? { notApplicable: what } : { ours: what }), ...(note ? { note } : {}) }));
}

export const PORTS_110: PortRow[] = [
  ...rows('pkg/model/appconfig_test.go', [
    ['TestDefaultAppConfig', [t(APPCONFIG, 'default app-config: a ConfigMap per profile object, mounted file by file into the working dir, one --config each')]],
    ['TestSpecifiedAppConfig', [t(APPCONFIG, 'specified app-configs: shared mount path, own mount path (directory), single key')]],
    ['TestDefaultAndSpecifiedAppConfig', [t(APPCONFIG, 'default and specified: the profile ConfigMap comes first; the CRD default mount path applies to the CR one')]],
  ]),
  ...rows('pkg/model/configmapenvs_test.go', [
    ['TestDefaultConfigMapEnvFrom', [ENVS_PROFILE]],
    ['TestSpecifiedConfigMapEnvs', [ENVS_SPECIFIED]],
    ['TestDefaultAndSpecifiedConfigMapEnvFrom', [t(P_ENVS, 'TestDefaultAndSpecifiedConfigMapEnvFrom: the profile ConfigMap as envFrom, the CR key as env')]],
    ['TestSpecifiedCMEnvsWithContainers', [ENVS_WITH_CONTAINERS]],
    ['TestCMEnvsWithNonExistedContainerFailed', [ENVS_NO_CONTAINER]],
    ['TestMultiObjectConfigMapEnvsInDefaultConfig', [ENVS_PROFILE]],
    ['TestMultiObjectConfigMapEnvsInSpec', [t(P_ENVS, 'TestMultiObjectConfigMapEnvsInSpec: two whole CR ConfigMaps, two envFrom in spec order, no env')]],
  ]),
  ...rows('pkg/model/configmapfiles_test.go', [
    ['TestDefaultConfigMapFiles', [t(P_FILES, 'TestDefaultConfigMapFiles: an unannotated profile ConfigMap is mounted as a directory over the working dir')]],
    ['TestSpecifiedConfigMapFiles', [CM_FILES_SPECIFIED]],
    [
      'TestDefaultAndSpecifiedConfigMapFiles',
      [t(P_FILES, 'TestDefaultAndSpecifiedConfigMapFiles: the profile directory mount, then the CR ConfigMap (binary data) file by file under the shared path')],
    ],
    ['TestConfigMapFilesMountPathReplacement', [t(FILES, 'a CR ConfigMap mounted where a profile ConfigMap is replaces that mount; both volumes stay')]],
    [
      'TestSpecifiedConfigMapFilesWithBinaryData',
      [CM_FILES_SPECIFIED, t(P_FILES, 'TestDefaultAndSpecifiedConfigMapFiles: the profile directory mount, then the CR ConfigMap (binary data) file by file under the shared path')],
    ],
    ['TestSpecifiedCMFilesWithContainers', [t(P_FILES, 'TestSpecifiedCMFilesWithContainers: named containers, init containers included, and "*"')]],
    ['TestCMFilesWithNonExistedContainerFailed', [CM_FILES_NO_CONTAINER]],
    ['TestDefaultSubpath', [CM_FILES_PROFILE]],
    ['TestMultiObjectConfigMapFilesInDefaultConfig', [CM_FILES_PROFILE]],
    ['TestMultiObjectConfigMapFilesInSpec', [CM_FILES_SPECIFIED]],
  ]),
  ...rows('pkg/model/db-secret_test.go', [
    ['TestEmptyDbSecret', [DB_DEFAULT, DB_PROFILE_SECRETS]],
    ['TestDefaultWithGeneratedSecrets', [DB_DEFAULT, DB_PROFILE_SECRETS]],
    ['TestSpecifiedSecret', [t(DB, 'authSecretName with the local database: no generated Secret, both pods take the named one')]],
  ]),
  ...rows('pkg/model/db-statefulset_test.go', [
    ['TestDefault', [DB_DEFAULT]],
    ['TestOverrideDbImage', [t(DB, 'postgresqlImage (RELATED_IMAGE_postgresql) replaces the first container image')]],
  ]),
  ...rows('pkg/model/default-config_test.go', [
    [
      'TestMergeDynamicPluginsFunction',
      [t(P_MODEL, 'TestMergeDynamicPluginsFunction: one source as is; two merged by package (overlay wins, includes unioned); a source without a ConfigMap is an error')],
      'its "non-existent file" case reads a path; our profiles are data, a file that is not there is no source',
    ],
    [
      'TestGetEnabledFlavours',
      [
        t(FLAVOUR, 'which flavours: enabledByDefault (no metadata.yaml = false), spec overrides, [] = none; default ones sorted by name first, then named ones in spec order'),
        t(FLAVOUR, 'an unknown flavour is an error on its name; the others still apply'),
      ],
    ],
  ]),
  ...rows('pkg/model/deployment_test.go', [
    [
      'TestWorkingDirMount',
      [
        t(P_DEPLOYMENT, 'TestWorkingDirMount: with extraFiles.mountPath "", a relative mountPath goes under the Backstage container workingDir, as a directory'),
        t(DEPLOYMENT, 'working dir: files go to the Backstage container workingDir, else /opt/app-root/src'),
      ],
      'the Go CR has no API server defaults: extraFiles.mountPath "" there; absent, the CRD default /opt/app-root/src applies (as in a cluster)',
    ],
    ['TestOverrideBackstageImage', [IMAGE_OPTION]],
    ['TestSpecImagePullSecrets', [t(P_DEPLOYMENT, 'TestSpecImagePullSecrets: the profile pod imagePullSecrets are kept, in order')]],
    [
      'TestMergeFromSpecDeployment',
      [
        t(P_DEPLOYMENT, 'TestMergeFromSpecDeployment: the patch adds labels, appends a sidecar, sets resources, merges a volume in place and appends a new one'),
        t(MERGE_CASES, 'default (append): labels added, sidecar after the backstage container, resources set, volume merged in place, new volume last'),
      ],
    ],
    [
      'TestInitContainerOrderInSpecDeployment',
      [
        t(P_DEPLOYMENT, 'TestInitContainerOrderInSpecDeployment: %s (rhdh.redhat.com/deployment-patch-list-merge-mode: prepend)'),
        t(MERGE_CASES, 'prepend annotation: %s'),
      ],
    ],
    ['TestImageInCRPrevailsOnEnvVar', [IMAGE_OPTION]],
    [
      'TestFilterContainers',
      [
        t(DEPLOYMENT, 'none: the Backstage container; *: all, init containers last; names in the given order; unknown: missing'),
        t(MERGE_CASES, 'containers and init containers named only are added (filter test: four containers in all)'),
      ],
    ],
    ['TestEnvVarsWithSidecars', [t(P_DEPLOYMENT, 'TestEnvVarsWithSidecars: an env with containers [sidecar] goes to the sidecar the patch adds, only')]],
    ['TestDeploymentKind', [STATEFULSET]],
    ['TestPatchedStatefulSet', [STATEFULSET]],
  ]),
  ...rows('pkg/model/dynamic-plugins_test.go', [
    ['TestDynamicPluginsValidationFailed', [DP_ERRORS]],
    ['TestDynamicPluginsInvalidKeyName', [t(DP, 'the CR ConfigMap without a dynamic-plugins.yaml key: error on the field')]],
    ['TestDefaultDynamicPlugins', [t(DP, 'profile ConfigMap only: renamed, text kept, mounted into the init container working dir by sub-path')]],
    ['TestDefaultAndSpecifiedDynamicPlugins', [t(DP, 'profile and CR ConfigMaps: merged into the profile one, which is mounted')]],
    ['TestSpecifiedOnlyDynamicPlugins', [t(DP, 'CR ConfigMap only: mounted as it is; no merged configuration for dependencies (as in the operator)')]],
    ['TestDynamicPluginsFailOnArbitraryDepl', [DP_ERRORS]],
    ['TestNotConfiguredDPsNotInTheModel', [t(DP, 'no dynamic plugins anywhere: nothing in the model')]],
    ['TestWithDynamicPluginsDeps', [t(P_DP, "TestWithDynamicPluginsDeps: the dependencies of the CR's plugins (merged with the profile's) are rendered")]],
    ['TestCatalogIndexImageFromDefaultConfig', [t(P_DP, "TestCatalogIndexImageFromDefaultConfig: the init container keeps the profile's env, CATALOG_INDEX_IMAGE included")]],
    ['TestUnmarshalDynaPluginsConfig', [t(MERGE, 'reads plugins with integrity, activation, pluginConfig and dependencies')]],
    [
      'TestDynamicPluginsDependencies',
      [t(P_DP, "TestDynamicPluginsDependencies: the refs of enabled plugins, in plugin then ref order; a disabled plugin's none; no deps, no objects")],
    ],
    [
      'TestMergeDynamicPlugins',
      [t(P_DP, 'TestMergeDynamicPlugins: overridden, kept, added; every overlay entry sets disabled (release-1.10: absent is false); includes unioned')],
      'the operator merges through a Go map (random order); we keep the base order, then new plugins in overlay order',
    ],
    ['TestRemoveDefaultInclude', [t(P_DP, "TestRemoveDefaultInclude: an explicit includes: [] in the CR's ConfigMap clears the profile's includes")]],
    ['TestClearDeps', [t(P_DP, "TestClearDeps: an explicit dependencies: [] clears the profile plugin's dependencies (and, release-1.10, enables it)")]],
  ]),
  ...rows('pkg/model/flavour_test.go', [
    ['TestFlavoursWithDefaultsEnabled', [t(FLAVOUR, 'defaults: multi-object keys get one object per source with rhdh.redhat.com/source; deployment merged; plugins merged by package')]],
    [
      'TestFlavoursWithExplicitEnabled',
      [t(P_FLAVOUR, 'TestFlavoursWithExplicitEnabled: a flavour the CR enables joins the default one: objects of base, flavor1, flavor2; both env vars; all plugins')],
    ],
    [
      'TestFlavoursWithDefaultDisabled',
      [t(P_FLAVOUR, 'TestFlavoursWithDefaultDisabled: the CR disables the default flavour: base objects only, no flavour label or env, base plugin only')],
    ],
    ['TestFlavoursOnlyNoBase', [t(FLAVOUR, 'flavours without base files: the flavour objects alone; the dynamic plugins ConfigMap is the flavour one')]],
    ['TestFlavoursWithEmptyArray', [t(P_FLAVOUR, 'TestFlavoursWithEmptyArray: flavours: [] turns every flavour off, the default one too')]],
  ]),
  ...rows('pkg/model/plugin_deps_test.go', [
    ['TestReadPluginDeps', [t(DEPS, 'every plugin-deps file whose name starts with the ref, in name order; other files and non-YAML ignored')]],
    ['TestReadPluginDepsSubstitutions', [t(DEPS, 'placeholders are replaced in the raw text before parsing (the text is not YAML before)')]],
    ['TestGetPluginDeps', [t(DEPS, "the operator's case: refs of an enabled plugin; namespace defaulted; annotated")], NO_OWNER_REFERENCES],
    [
      'TestReadPluginDepsNoFiles',
      [t(DEPS, 'a ref matching nothing is an error naming plugin, ref and field path')],
      'on purpose: a ref that matches no file is an error here, the operator applies nothing (docs/differences.md, "Plugin dependencies")',
    ],
  ]),
  ...rows('pkg/model/pvcs_test.go', [
    ['TestDefaultPvcs', [PVCS_PROFILE]],
    ['TestMultiContainersPvc', [PVCS_PROFILE]],
    ['TestSpecifiedPvcs', [t(PVCS, 'specified PVCs: under the shared path with a sub-path, or at their own path')]],
    ['TestSpecifiedPvcsWithContainers', [t(P_MODEL, 'TestSpecifiedPvcsWithContainers: "*" mounts into every container, a named one into that one only')]],
    ['TestPvcsWithNonExistedContainerFailed', [t(PVCS, 'a container that the pod does not have is an error on the entry')]],
  ]),
  ...rows('pkg/model/route_test.go', [
    ['TestDefaultRoute', [ROUTE_DEFAULT]],
    [
      'TestSpecifiedRoute',
      [t(ROUTE, 'no default Route but one in the spec: made from scratch (edge TLS with the given pieces)'), t(ROUTE, 'spec host, subdomain and TLS pieces over the default Route')],
    ],
    ['TestDisabledRoute', [ROUTE_NONE]],
    ['TestExcludedRoute', [ROUTE_NONE, ROUTE_DEFAULT]],
    ['TestEnabledRoute', [t(P_MODEL, "TestEnabledRoute: route: {} makes a Route with the profile's route.yaml and without one (then only the Service target: no TLS given)")]],
    ['Test_buildBaseUrl', [t(P_MODEL, 'Test_buildBaseUrl: %s')], 'the cluster ingress domain is the ingressDomain option'],
    [
      'TestBackstageRoute_updateAppConfigWithBaseUrls',
      [
        t(ROUTE, 'base URLs go into every file of the first app-config ConfigMap, re-serialized (keys sorted, comments gone)'),
        t(
          ROUTE,
          'rewriteWithBaseUrl: first document only, non-map app/backend replaced, lists not indented, YAML 1.1 words (the key on is true, as in go-yaml v2), quoting',
        ),
      ],
    ],
  ]),
  ...rows('pkg/model/runtime_test.go', [
    ['TestInitDefaultDeploy', [RUNTIME_DEFAULT]],
    ['TestIfEmptyObjectIsValid', [RUNTIME_DEFAULT]],
    ['TestAddToModel', [RUNTIME_DEFAULT], "the rest of it is the model's own bookkeeping (addToModel on an empty model), nothing rendered"],
    ['TestRawConfig', [t(RUNTIME, 'rawRuntimeConfig replaces a key wholesale (no platform patch, no merge with the default)')]],
    ['TestMultiobject', [PVCS_PROFILE]],
    ['TestSingleMultiobject', [t(RUNTIME, 'multi-object keys take one or many objects')]],
    ['TestSingleFailedWithMultiDefinition', [RUNTIME_SINGLE_KEY_ERRORS]],
    ['TestInvalidObjectKind', [RUNTIME_SINGLE_KEY_ERRORS]],
  ]),
  ...rows('pkg/model/secretenvs_test.go', [
    ['TestDefaultSecretEnvFrom', [t(P_ENVS, 'TestDefaultSecretEnvFrom: the profile Secret as envFrom of the Backstage container, no env')]],
    ['TestDefaultMultiSecretEnv', [t(P_ENVS, 'TestDefaultMultiSecretEnv: three profile Secrets; the containers annotation picks containers, "*" all four')]],
    ['TestSpecifiedSecretEnvs', [ENVS_SPECIFIED]],
    ['TestSpecifiedSecretEnvsWithContainers', [ENVS_WITH_CONTAINERS]],
    ['TestSecretEnvsWithNonExistedContainerFailed', [ENVS_NO_CONTAINER]],
  ]),
  ...rows('pkg/model/secretfiles_test.go', [
    ['TestDefaultSecretFiles', [t(P_FILES, 'TestDefaultSecretFiles: a profile Secret with a mount-path annotation and no sub-path is one directory mount')]],
    ['TestDefaultMultiSecretFiles', [t(P_FILES, 'TestDefaultMultiSecretFiles: three profile Secrets; the containers annotation picks containers, "*" all four')]],
    ['TestSpecifiedSecretFiles', [t(P_FILES, 'TestSpecifiedSecretFiles: a key (even one the Secret lacks) under the shared path, a directory, a name with a dot')]],
    ['TestFailedValidation', [SECRET_FILES_SPECIFIED]],
    ['TestDefaultAndSpecifiedSecretFiles', [SECRET_FILES_BOTH]],
    ['TestSpecifiedSecretFilesWithDataAndKey', [SECRET_FILES_BOTH]],
    ['TestSpecifiedSecretFilesWithContainers', [SECRET_FILES_SPECIFIED]],
    ['TestSecretFilesWithNonExistedContainerFailed', [CM_FILES_NO_CONTAINER], 'the Go test mounts a ConfigMap despite its name'],
    ['TestReplaceSecretFiles', [t(P_FILES, "TestReplaceSecretFiles: a CR Secret mounted at the profile Secret's directory replaces that mount")]],
  ]),
  ...rows('internal/controller/monitor_test.go', [
    ['TestApplyServiceMonitor_MonitoringDisabled', [t(MONITOR, 'nothing when monitoring is off, absent, or the version has none (v1alpha3)')]],
    [
      'TestApplyServiceMonitor_MonitoringEnabled_NoCRD',
      'the operator fails to apply it when the cluster has no ServiceMonitor CRD ("no matches for kind"); a renderer cannot see the cluster\'s CRDs: we render the ServiceMonitor and applying it fails the same way',
    ],
    ['TestApplyServiceMonitor_MonitoringEnabled_WithCRD', [MONITOR_ENABLED], NO_OWNER_REFERENCES],
    [
      'TestApplyServiceMonitor_Update_ExistingServiceMonitor',
      [MONITOR_ENABLED],
      'the update of a live object is the cluster\'s; what it is updated to is the object of _WithCRD',
    ],
  ]),
  ...rows('internal/controller/preprocessor_test.go', [
    [
      'TestExtConfigChanged',
      [t(P_MODEL, "TestExtConfigChanged: new data in a ConfigMap the CR mounts changes the pod's ext-config hash (what restarts the pod)")],
      "not ported: the rhdh.redhat.com/ext-config-sync label the operator puts on the user's ConfigMap (we never change the user's objects)",
    ],
    ['TestExtConcatData', [t(P_MODEL, "TestExtConcatData: the hash does not depend on the order the ConfigMap's keys are written in")]],
  ]),
  ...rows('integration_tests/config-refresh_test.go', [
    ['refreshes pod for mounts with subPath', 'a live pod restarted after its ConfigMap and Secret change: the cluster\'s doing; the hash that triggers it is TestExtConfigChanged'],
    ['refreshes mounts without subPath', 'files updated in a running pod by the kubelet after the objects change: cluster-only'],
    ['refreshes pod for mounts with subPath and spec.deployment.kind', 'as "refreshes pod for mounts with subPath", for a StatefulSet: cluster-only'],
  ]),
  ...rows('integration_tests/cr-compatibility_test.go', [
    [
      'verifies prev and current version API compatibility',
      [t(P_INTEGRATION, 'It verifies prev and current version API compatibility: a v1alpha4 and a v1alpha5 CR side by side each render their Deployment')],
      'replicas: 1 is the API server default (the profile leaves it out)',
    ],
  ]),
  ...rows('integration_tests/cr-config_test.go', [
    ['creates Backstage with external configuration', [t(P_INTEGRATION, 'It creates Backstage with external configuration: app-configs, files, envs, a sidecar from the patch')]],
    ['generates label and annotation', "asserts the label and annotation the operator puts on the user's ConfigMap; we never change the user's objects"],
    ['creates Backstage with spec.deployment.patch ', [t(P_INTEGRATION, 'It creates Backstage with spec.deployment.patch: the backend image and an ephemeral volume from the patch')]],
    ['creates Backstage with spec.deployment.kind=StatefulSet ', [t(P_INTEGRATION, 'It creates Backstage with spec.deployment.kind=StatefulSet: a StatefulSet, no Deployment')]],
    ['failed Backstage with unknown spec.deployment.kind ', [t(P_INTEGRATION, 'It failed Backstage with unknown spec.deployment.kind: refused at spec.deployment.kind, nothing rendered')]],
    [
      'changes strategy from RollingUpdate to Recreate',
      [t(P_INTEGRATION, 'It changes strategy from RollingUpdate to Recreate: the patch sets Recreate and deletes rollingUpdate')],
      'RollingUpdate before the patch is the API server default',
    ],
  ]),
  ...rows('integration_tests/db_test.go', [
    ['creates Backstage with disabled local DB and secret', [t(P_INTEGRATION, '%s: no database StatefulSet, Service or Secret; the Deployment')]],
    ['creates Backstage with disabled local DB no secret', [t(P_INTEGRATION, '%s: no database StatefulSet, Service or Secret; the Deployment')]],
  ]),
  ...rows('integration_tests/default-config_test.go', [
    [
      'creates runtime objects',
      [
        t(
          P_INTEGRATION,
          'It creates runtime objects: the DB Secret (five keys, POSTGRES_USER postgres), its StatefulSet and Service, the Deployment (replicas left to the API server, which makes it 1)',
        ),
      ],
      `${NO_OWNER_REFERENCES}; the status part needs a live controller`,
    ],
    ['creates runtime object using raw configuration', [t(P_INTEGRATION, 'It creates runtime object using raw configuration: the raw Deployment (busybox) and raw database StatefulSet')]],
    ['creates backstage and checks the status', 'asserts the CR status conditions (DeployInProgress, Deployed): a controller\'s, nothing rendered'],
  ]),
  ...rows('integration_tests/plugin-deps_test.go', [
    [
      'creates plugin dependencies',
      [t(P_INTEGRATION, "It creates plugin dependencies: the enabled plugin's ConfigMap and Secret; not the disabled plugin's, not an unlisted file's")],
    ],
  ]),
  ...rows('integration_tests/pvcs_test.go', [
    ['creates PV dynamically with configured by default PVC', [PVC_RENDERED_PART], 'the binding to a dynamically provisioned PV and the directory in the pod are the cluster\'s'],
    ['bounds configured by default PVC with precreated PV', [PVC_RENDERED_PART], 'the binding to the precreated PV and the directory in the pod are the cluster\'s'],
    [
      'creates specified PVCs and mounts to container',
      [t(P_INTEGRATION, "It creates specified PVCs and mounts to container: profile PVCs from the raw config, the CR's PVCs mounted")],
      'the directories in the pod are the cluster\'s',
    ],
  ]),
  ...rows('integration_tests/rhdh-config_test.go', [
    [
      'tests rhdh config',
      [t(P_INTEGRATION, 'It tests rhdh config (%s): the objects, the init and backend mounts, NPM_CONFIG_USERCONFIG, args, platform patches, base URLs')],
    ],
    ['replaces dynamic-plugins-root volume', [t(P_INTEGRATION, 'It replaces dynamic-plugins-root volume: $patch: replace puts a PVC in place of the ephemeral volume')]],
    ['replaces .npmrc', [t(P_INTEGRATION, "It replaces .npmrc: the CR Secret takes the place of the profile's .npmrc mount in the init container")]],
    [
      'creates rhdh with default Lightspeed flavour',
      [t(P_INTEGRATION, 'It creates rhdh with default Lightspeed flavour: flavour-lightspeed objects, lightspeed-core and init-rag-data with their resources')],
    ],
  ]),
  ...rows('integration_tests/route_test.go', [
    [
      'creates Backstage object (on Openshift) - <case>',
      [t(P_INTEGRATION, 'It creates Backstage object (on Openshift) - %s: the Route and the base URL in the default app-config')],
      "the Route's status (admitted host) is the router's",
    ],
  ]),
];
