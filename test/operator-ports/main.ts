// The port table for operator main (github redhat-developer/rhdh-operator at c0cb1c9): every Go test
// function of pkg/model, pkg/utils and internal/controller and every ginkgo `It` spec of integration_tests/
// that asserts on objects the operator creates, with the jest test(s) that port it or the reason it
// does not apply. test/operator-ports/main-table.test.ts checks that every port names a test that
// exists. Titles are the string literals of test()/it()/describe() as written in the file (a
// test.each title with its %s); a port inside a describe is `describe title > test title`.
// pkg/utils' tests are listed too: two of its helpers shape created objects (names, platform patches).

export type PortRow = { go: string; ports: string[]; note?: string } | { go: string; reason: string };

const MODEL = 'test/operator-ports/main-model.test.ts';
const RENDER = 'test/operator-ports/main-render.test.ts';
const OP_MAIN = 'test/model/operator-main.test.ts';
const MERGE = 'test/plugins/merge.test.ts';
const DP = 'test/plugins/dp-processing.test.ts';
const DEPS = 'test/plugins/deps.test.ts';
const ROUTE = 'test/model/route.test.ts';

const p = (file: string, ...titles: string[]) => titles.map((t) => `${file} :: ${t}`);

export const MAIN_PORTS: PortRow[] = [
  // pkg/model/appconfig_test.go (5)
  { go: 'pkg/model/appconfig_test.go TestDefaultAppConfig', ports: p(MODEL, 'appconfig_test.go (main) > TestDefaultAppConfig: one mount by sub-path under the working dir, one --config, one volume') },
  { go: 'pkg/model/appconfig_test.go TestSpecifiedAppConfig', ports: p(MODEL, 'appconfig_test.go (main) > TestSpecifiedAppConfig: shared mount path, own mount path, key; six args') },
  { go: 'pkg/model/appconfig_test.go TestDefaultAndSpecifiedAppConfig', ports: p(MODEL, 'appconfig_test.go (main) > TestDefaultAndSpecifiedAppConfig: profile one first, then the CR one; four args; volume order = mount order') },
  { go: 'pkg/model/appconfig_test.go TestMultiEntryAppConfigNotAllowed', ports: p(OP_MAIN, 'operator main > TestMultiEntryAppConfigNotAllowed: a CR app-config ConfigMap with two keys fails the model, naming it; 1.10 mounts both'), note: 'fixture main-app-config-multi-key' },
  {
    go: 'pkg/model/appconfig_test.go TestAddPluginsAppConfig',
    ports: [
      ...p(DP, 'packages.txt and plugins-appconfig > no pluginConfig: no ConfigMap', 'packages.txt and plugins-appconfig > pluginConfig deep-merged (maps merge, lists replaced), keys in yaml.v2 order'),
      ...p(RENDER, 'integration_tests (main, rhdh profile) > rhdh-config_test.go "tests rhdh config" with OPERATOR_DP_PROCESSING: plugins-appconfig first in the args and mounted'),
    ],
  },
  // pkg/model/configmapenvs_test.go (7)
  ...[
    'TestDefaultConfigMapEnvFrom: the profile ConfigMap as envFrom, no env',
    'TestSpecifiedConfigMapEnvs: a key of the CR ConfigMap as env valueFrom',
    'TestDefaultAndSpecifiedConfigMapEnvFrom: one envFrom (profile), one env (CR key)',
    'TestSpecifiedCMEnvsWithContainers: named containers only, then "*" for all four',
    'TestCMEnvsWithNonExistedContainerFailed: a container the Deployment does not have is an error naming it',
    'TestMultiObjectConfigMapEnvsInDefaultConfig: two profile ConfigMaps, two envFrom with the multi-object names',
    'TestMultiObjectConfigMapEnvsInSpec: two whole CR ConfigMaps, two envFrom',
  ].map((t) => ({ go: `pkg/model/configmapenvs_test.go ${t.split(':')[0]}`, ports: p(MODEL, `configmapenvs_test.go (main) > ${t}`) })),
  // pkg/model/configmapfiles_test.go (10)
  ...[
    'TestDefaultConfigMapFiles: an unannotated profile ConfigMap is one directory mount over the working dir',
    'TestSpecifiedConfigMapFiles: default path per key, absolute path, relative path under the default',
    'TestDefaultAndSpecifiedConfigMapFiles: two mounts, two volumes, no args',
    'TestConfigMapFilesMountPathReplacement: the CR ConfigMap at the mount path of a profile one replaces its mount (volume stays)',
    'TestSpecifiedConfigMapFilesWithBinaryData: a binaryData key is mounted like a data key',
    'TestSpecifiedCMFilesWithContainers: per-container mounts (two, one, "*")',
    'TestCMFilesWithNonExistedContainerFailed: unknown container is an error',
    'TestDefaultSubpath: sub-path "*" per key, under the working dir or the mount-path annotation; a named sub-path mounts that key only',
    'TestMultiObjectConfigMapFilesInDefaultConfig: two profile ConfigMaps (sub-path "*"), two volumes with the multi-object names, two mounts',
    'TestMultiObjectConfigMapFilesInSpec: two CR ConfigMaps, two volumes, two mounts',
  ].map((t) => ({ go: `pkg/model/configmapfiles_test.go ${t.split(':')[0]}`, ports: p(MODEL, `configmapfiles_test.go (main) > ${t}`) })),
  // pkg/model/db-secret_test.go (3), db-statefulset_test.go (2)
  { go: 'pkg/model/db-secret_test.go TestEmptyDbSecret', ports: p(MODEL, 'db-secret_test.go and db-statefulset_test.go (main) > %s: backstage-psql-secret-<cr>, the DB container reads it as envFrom') },
  { go: 'pkg/model/db-secret_test.go TestDefaultWithGeneratedSecrets', ports: p(MODEL, 'db-secret_test.go and db-statefulset_test.go (main) > %s: backstage-psql-secret-<cr>, the DB container reads it as envFrom') },
  { go: 'pkg/model/db-secret_test.go TestSpecifiedSecret', ports: p(MODEL, 'db-secret_test.go and db-statefulset_test.go (main) > TestSpecifiedSecret: authSecretName: no DB Secret; the DB and Backstage containers read the named one') },
  { go: 'pkg/model/db-statefulset_test.go TestDefault', ports: p(MODEL, 'db-secret_test.go and db-statefulset_test.go (main) > TestDefault: the DB StatefulSet serviceName is the DB Service, which is headless') },
  { go: 'pkg/model/db-statefulset_test.go TestOverrideDbImage', ports: p(MODEL, 'db-secret_test.go and db-statefulset_test.go (main) > TestOverrideDbImage: the postgresqlImage option (RELATED_IMAGE_postgresql) sets the DB container image') },
  // pkg/model/default-config_test.go (2)
  {
    go: 'pkg/model/default-config_test.go TestMergeDynamicPluginsFunction',
    ports: p(
      RENDER,
      'flavour_test.go and default-config_test.go (main) > TestMergeDynamicPluginsFunction: base and flavour plugins merged by package (the flavour wins), includes unioned',
      'flavour_test.go and default-config_test.go (main) > TestMergeDynamicPluginsFunction: a dynamic-plugins.yaml holding no ConfigMap is an error naming the file',
    ),
    note: 'its "non-existent file" case reads a path from disk; a profile here is the files it holds',
  },
  {
    go: 'pkg/model/default-config_test.go TestGetEnabledFlavours',
    ports: p(RENDER, 'flavour_test.go and default-config_test.go (main) > TestGetEnabledFlavours: %s', "flavour_test.go and default-config_test.go (main) > TestGetEnabledFlavours: nonexistent flavour returns error (flavour 'nonexistent' not found)"),
  },
  // pkg/model/deployment_test.go (12)
  { go: 'pkg/model/deployment_test.go TestWorkingDirMount', ports: p(MODEL, 'deployment_test.go (main) > TestWorkingDirMount: with no shared mount path (explicit ""), the workingDir is the base; a relative mountPath goes under it, as a directory'), note: 'fixture extra-files-empty-mount-path' },
  {
    go: 'pkg/model/deployment_test.go TestOverrideBackstageImage',
    ports: p(MODEL, 'deployment_test.go (main) > TestOverrideBackstageImage: backstageImage sets the Backstage container and the plugins installer, not the sidecar', 'deployment_test.go (main) > TestOverrideBackstageImage with OPERATOR_DP_PROCESSING: the installer gets the install image instead'),
  },
  { go: 'pkg/model/deployment_test.go TestSpecImagePullSecrets', ports: p(MODEL, 'deployment_test.go (main) > TestSpecImagePullSecrets: the profile pod imagePullSecrets are kept, in order') },
  { go: 'pkg/model/deployment_test.go TestMergeFromSpecDeployment', ports: p(MODEL, 'deployment_test.go (main) > TestMergeFromSpecDeployment: labels, pod labels, a new sidecar, requests, a replaced and an added volume') },
  { go: 'pkg/model/deployment_test.go TestInitContainerOrderInSpecDeployment', ports: p(MODEL, 'deployment_test.go (main) > TestInitContainerOrderInSpecDeployment: %s') },
  { go: 'pkg/model/deployment_test.go TestImageInCRPrevailsOnEnvVar', ports: p(MODEL, 'deployment_test.go (main) > TestImageInCRPrevailsOnEnvVar: the option sets the image; an image in the patch wins over it') },
  { go: 'pkg/model/deployment_test.go TestFilterContainers', ports: p(MODEL, 'deployment_test.go (main) > TestFilterContainers: "*" reaches the two added containers and the added init container; a named one only it; an unknown one is an error') },
  { go: 'pkg/model/deployment_test.go TestEnvVarsWithSidecars', ports: p(MODEL, 'deployment_test.go (main) > TestEnvVarsWithSidecars: an env for a sidecar added by the patch') },
  { go: 'pkg/model/deployment_test.go TestDeploymentKind', ports: p(MODEL, 'deployment_test.go (main) > TestDeploymentKind: kind StatefulSet has the same pod spec as the Deployment') },
  { go: 'pkg/model/deployment_test.go TestIdleAnnotationSetsReplicasToZero', ports: p(OP_MAIN, 'operator main > %s: replicas 0 on the workload (and the local DB when there is one)') },
  { go: 'pkg/model/deployment_test.go TestIdleWithExternalDb', ports: p(OP_MAIN, 'operator main > %s: replicas 0 on the workload (and the local DB when there is one)') },
  { go: 'pkg/model/deployment_test.go TestPatchedStatefulSet', ports: p(MODEL, 'deployment_test.go (main) > TestPatchedStatefulSet: kind StatefulSet, the patch sets serviceName') },
  // pkg/model/dynamic-plugins-reference_test.go (6)
  { go: 'pkg/model/dynamic-plugins-reference_test.go TestResolveInheritReference', ports: p(DP, '{{inherit}} and ref:// > inherit %s -> %s', '{{inherit}} and ref:// > inherit without a matching base plugin') },
  { go: 'pkg/model/dynamic-plugins-reference_test.go TestResolveReferences', ports: p(RENDER, 'dynamic-plugins-reference_test.go TestResolveReferences (main, OPERATOR_DP_PROCESSING) > TestResolveReferences: %s') },
  { go: 'pkg/model/dynamic-plugins-reference_test.go TestMergePluginsDataWithInherit', ports: p(MERGE, 'mergeDynamicPluginsConfigs > with resolveReferences (OPERATOR_DP_PROCESSING): {{inherit}} packages resolve against the base before merging') },
  { go: 'pkg/model/dynamic-plugins-reference_test.go TestResolveRefReference', ports: p(DP, '{{inherit}} and ref:// > ref://') },
  { go: 'pkg/model/dynamic-plugins-reference_test.go TestName', ports: p(DP, 'pluginName (the operator Name()) > %s -> %j') },
  { go: 'pkg/model/dynamic-plugins-reference_test.go TestMergePluginsDataWithInheritError', ports: p(MERGE, 'mergeDynamicPluginsConfigs > with resolveReferences (OPERATOR_DP_PROCESSING): {{inherit}} packages resolve against the base before merging') },
  // pkg/model/dynamic-plugins_test.go (17)
  { go: 'pkg/model/dynamic-plugins_test.go TestDynamicPluginsValidationFailed', ports: p(MODEL, 'dynamic-plugins_test.go (main) > %s: a profile dynamic-plugins.yaml with a Deployment that has no plugins installer is an error') },
  { go: 'pkg/model/dynamic-plugins_test.go TestDynamicPluginsInvalidKeyName', ports: p(MODEL, 'dynamic-plugins_test.go (main) > TestDynamicPluginsInvalidKeyName: the CR ConfigMap without dynamic-plugins.yaml is an error naming the key') },
  { go: 'pkg/model/dynamic-plugins_test.go TestDefaultDynamicPlugins', ports: p(MODEL, 'dynamic-plugins_test.go (main) > TestDefaultDynamicPlugins: four volumes, the installer has four mounts, no dependencies') },
  { go: 'pkg/model/dynamic-plugins_test.go TestDefaultAndSpecifiedDynamicPlugins', ports: p(MODEL, 'dynamic-plugins_test.go (main) > %s: the fourth installer mount is backstage-dynamic-plugins-<cr>; no dependencies') },
  { go: 'pkg/model/dynamic-plugins_test.go TestSpecifiedOnlyDynamicPlugins', ports: p(MODEL, 'dynamic-plugins_test.go (main) > %s: the fourth installer mount is backstage-dynamic-plugins-<cr>; no dependencies'), note: 'fixture main-dynamic-plugins-from-cr' },
  { go: 'pkg/model/dynamic-plugins_test.go TestDynamicPluginsFailOnArbitraryDepl', ports: p(MODEL, 'dynamic-plugins_test.go (main) > %s: a profile dynamic-plugins.yaml with a Deployment that has no plugins installer is an error') },
  { go: 'pkg/model/dynamic-plugins_test.go TestNotConfiguredDPsNotInTheModel', ports: p(MODEL, 'dynamic-plugins_test.go (main) > TestNotConfiguredDPsNotInTheModel: no dynamic plugins anywhere: no plugins ConfigMap') },
  { go: 'pkg/model/dynamic-plugins_test.go TestWithDynamicPluginsDeps', ports: p(RENDER, "dynamic-plugins_test.go TestWithDynamicPluginsDeps and plugin-deps (main) > TestWithDynamicPluginsDeps: the CR plugin's two dependency refs resolve to two objects") },
  { go: 'pkg/model/dynamic-plugins_test.go TestCatalogIndexImageFromDefaultConfig', ports: p(MODEL, 'dynamic-plugins_test.go (main) > TestCatalogIndexImageFromDefaultConfig: the installer keeps the profile env, CATALOG_INDEX_IMAGE second') },
  { go: 'pkg/model/dynamic-plugins_test.go TestUnmarshalDynaPluginsConfig', ports: p(MERGE, 'parseDynamicPluginsConfig > reads plugins with integrity, activation, pluginConfig and dependencies') },
  { go: 'pkg/model/dynamic-plugins_test.go TestDynamicPluginsDependencies', ports: p(DEPS, 'resolvePluginDependencies > disabled plugins (enabled wins over disabled) pull nothing; order is plugins then refs') },
  { go: 'pkg/model/dynamic-plugins_test.go TestMergeDynamicPlugins', ports: p(MERGE, "mergeDynamicPluginsConfigs > the operator's merge case: override, keep, add; includes unioned") },
  { go: 'pkg/model/dynamic-plugins_test.go TestIsDisabled', ports: p(MERGE, 'isPluginEnabled (enabled wins over disabled) > %j -> %s') },
  {
    go: 'pkg/model/dynamic-plugins_test.go TestMergePluginsEnabledDisabledBackwardCompat',
    ports: p(
      OP_MAIN,
      'operator main > TestMergePluginsEnabledDisabledBackwardCompat > legacy disabled overlay overrides enabled base',
      'operator main > TestMergePluginsEnabledDisabledBackwardCompat > enabled overlay overrides disabled base',
      'operator main > TestMergePluginsEnabledDisabledBackwardCompat > overlay without activation fields preserves base',
      'operator main > TestMergePluginsEnabledDisabledBackwardCompat > legacy disabled-only config works',
    ),
  },
  { go: 'pkg/model/dynamic-plugins_test.go TestRemoveDefaultInclude', ports: p(MERGE, 'mergeDynamicPluginsConfigs > includes: union in first-occurrence order; an explicit [] clears; absent/null keeps') },
  { go: 'pkg/model/dynamic-plugins_test.go TestClearDeps', ports: p(MERGE, 'mergeDynamicPluginsConfigs > dependencies: replaced; an explicit [] clears them; absent keeps them') },
  {
    go: 'pkg/model/dynamic-plugins_test.go TestExternalConfigMapMetadataNotReused',
    ports: p(OP_MAIN, "operator main > TestExternalConfigMapMetadataNotReused: no profile dynamic-plugins.yaml, the CR's ConfigMap data copied into backstage-dynamic-plugins-<cr>, no cluster metadata"),
  },
  // pkg/model/flavour_test.go (5)
  ...[
    'TestFlavoursWithDefaultsEnabled: base and flavor1 objects, flavor1 label and env, base and flavor1 plugins',
    'TestFlavoursWithExplicitEnabled: flavor2 named, flavor1 still on by default',
    'TestFlavoursWithDefaultDisabled: flavor1 turned off: base objects only, no label, no env',
    'TestFlavoursOnlyNoBase: a profile with no base files: the flavour objects alone',
    'TestFlavoursWithEmptyArray: flavours: [] turns every flavour off',
  ].map((t) => ({ go: `pkg/model/flavour_test.go ${t.split(':')[0]}`, ports: p(RENDER, `flavour_test.go and default-config_test.go (main) > ${t}`) })),
  // pkg/model/plugin_deps_test.go (4)
  { go: 'pkg/model/plugin_deps_test.go TestReadPluginDeps', ports: p(DEPS, 'profileDependencyProvider: the operator rule > every plugin-deps file whose name starts with the ref, in name order; other files and non-YAML ignored') },
  { go: 'pkg/model/plugin_deps_test.go TestReadPluginDepsSubstitutions', ports: p(DEPS, 'profileDependencyProvider: the operator rule > placeholders are replaced in the raw text before parsing (the text is not YAML before)') },
  {
    go: 'pkg/model/plugin_deps_test.go TestGetPluginDeps',
    ports: p(DEPS, "resolvePluginDependencies > the operator's case: refs of an enabled plugin; namespace defaulted; annotated"),
    note: 'the ownerReference to the CR is not rendered (no uid offline; docs/differences.md)',
  },
  {
    go: 'pkg/model/plugin_deps_test.go TestReadPluginDepsNoFiles',
    ports: p(DEPS, 'resolvePluginDependencies > a ref matching nothing is an error naming plugin, ref and field path'),
    note: 'deliberate difference: the operator applies nothing for a ref without files, we stop with an error (docs/differences.md)',
  },
  // pkg/model/pvcs_test.go (5)
  ...[
    'TestDefaultPvcs: backstage-pvcs-<cr>-<claim> with configured-name, mounted at the working dir or the annotation',
    'TestMultiContainersPvc: the containers annotation ("a,b" and "*") picks the containers',
    'TestSpecifiedPvcs: CR claims at <extraFiles.mountPath, CRD default /opt/app-root/src>/<name> with a sub-path, or at their mountPath',
    'TestSpecifiedPvcsWithContainers: "*" and a named container',
    'TestPvcsWithNonExistedContainerFailed: unknown container is an error',
  ].map((t) => ({ go: `pkg/model/pvcs_test.go ${t.split(':')[0]}`, ports: p(MODEL, `pvcs_test.go (main) > ${t}`) })),
  // pkg/model/route_test.go (7)
  ...[
    'TestDefaultRoute: backstage-<cr>, to the Service, the profile path and TLS',
    'TestSpecifiedRoute: the spec host, with and without a profile Route (edge TLS either way)',
    'TestDisabledRoute: enabled false: no Route, with or without a profile one',
    'TestExcludedRoute: no route in the spec: a Route only when the profile has one',
    'TestEnabledRoute: an empty route in the spec: a Route, with or without a profile one',
  ].map((t) => ({ go: `pkg/model/route_test.go ${t.split(':')[0]}`, ports: p(MODEL, `route_test.go (main) > ${t}`) })),
  { go: 'pkg/model/route_test.go Test_buildBaseUrl', ports: p(ROUTE, 'route (route.go) > buildBaseUrl: host as is; subdomain or the default name under the ingress domain; unknown domain: left alone with an info result') },
  { go: 'pkg/model/route_test.go TestBackstageRoute_updateAppConfigWithBaseUrls', ports: p(ROUTE, 'route (route.go) > base URLs go into every file of the first app-config ConfigMap, re-serialized (keys sorted, comments gone)') },
  // pkg/model/runtime_test.go (8)
  { go: 'pkg/model/runtime_test.go TestInitDefaultDeploy', ports: p(MODEL, 'runtime_test.go (main) > TestInitDefaultDeploy: names, namespace, the two labels, the app label on pod and selector') },
  { go: 'pkg/model/runtime_test.go TestIfEmptyObjectIsValid', ports: p(MODEL, 'runtime_test.go (main) > %s: without a local DB only the Deployment and the Service') },
  { go: 'pkg/model/runtime_test.go TestAddToModel', ports: p(MODEL, 'runtime_test.go (main) > %s: without a local DB only the Deployment and the Service'), note: 'its second half adds a Service to an empty Go model: an internal API, no object' },
  { go: 'pkg/model/runtime_test.go TestRawConfig', ports: p(MODEL, 'runtime_test.go (main) > TestRawConfig: rawRuntimeConfig service.yaml replaces the profile Service') },
  { go: 'pkg/model/runtime_test.go TestMultiobject', ports: p(MODEL, 'runtime_test.go (main) > %s: pvcs.yaml with %i objects gives that many PVCs') },
  { go: 'pkg/model/runtime_test.go TestSingleMultiobject', ports: p(MODEL, 'runtime_test.go (main) > %s: pvcs.yaml with %i objects gives that many PVCs') },
  { go: 'pkg/model/runtime_test.go TestSingleFailedWithMultiDefinition', ports: p(MODEL, 'runtime_test.go (main) > TestSingleFailedWithMultiDefinition: two Services in service.yaml is an error') },
  { go: 'pkg/model/runtime_test.go TestInvalidObjectKind', ports: p(MODEL, 'runtime_test.go (main) > TestInvalidObjectKind: a Deployment in service.yaml is an error naming the key') },
  // pkg/model/secretenvs_test.go (5)
  ...[
    'TestDefaultSecretEnvFrom: one envFrom, no env',
    'TestDefaultMultiSecretEnv: three Secrets; envFrom per containers annotation',
    'TestSpecifiedSecretEnvs: a key of the CR Secret as env valueFrom secretKeyRef',
    'TestSpecifiedSecretEnvsWithContainers: named containers, then "*"',
    'TestSecretEnvsWithNonExistedContainerFailed: unknown container is an error',
  ].map((t) => ({ go: `pkg/model/secretenvs_test.go ${t.split(':')[0]}`, ports: p(MODEL, `secretenvs_test.go (main) > ${t}`) })),
  // pkg/model/secretfiles_test.go (9)
  ...[
    'TestDefaultSecretFiles: one mount (directory at the annotation), one volume',
    'TestDefaultMultiSecretFiles: three Secrets, mounts per containers annotation',
    'TestSpecifiedSecretFiles: key, mountPath, a dotted name; volumes and mounts in CR order',
    'TestFailedValidation: a Secret without key or mountPath is an error',
    'TestSpecifiedSecretFilesWithContainers: per-container mounts',
    'TestSecretFilesWithNonExistedContainerFailed: unknown container is an error',
    'TestReplaceSecretFiles: a CR Secret at the mount path of the profile one replaces its mount',
  ].map((t) => ({ go: `pkg/model/secretfiles_test.go ${t.split(':')[0]}`, ports: p(MODEL, `secretfiles_test.go (main) > ${t}`) })),
  { go: 'pkg/model/secretfiles_test.go TestDefaultAndSpecifiedSecretFiles', ports: p(MODEL, 'secretfiles_test.go (main) > %s: the profile Secret and the CR one: two mounts, two volumes, no args') },
  { go: 'pkg/model/secretfiles_test.go TestSpecifiedSecretFilesWithDataAndKey', ports: p(MODEL, 'secretfiles_test.go (main) > %s: the profile Secret and the CR one: two mounts, two volumes, no args') },

  // pkg/utils/utils_test.go (7), yaml_test.go (2)
  { go: 'pkg/utils/utils_test.go TestToRFC1123Label', ports: p(RENDER, 'pkg/utils utils_test.go (main) > TestToRFC1123Label: %s') },
  { go: 'pkg/utils/utils_test.go TestReadMultiObject', reason: "the operator's YAML reader (Go scheme decoding of a multi-document file); what it reads is ported with runtime_test.go TestMultiobject / TestSingleFailedWithMultiDefinition" },
  { go: 'pkg/utils/utils_test.go TestReadMultiInvalidObject', reason: "the operator's YAML reader on a malformed document (a Go decoding error); no object is created" },
  { go: 'pkg/utils/utils_test.go TestPlatformPatchMerge', ports: p(RENDER, 'pkg/utils utils_test.go (main) > TestPlatformPatchMerge: a deployment.yaml.k8s patch applies on Kubernetes only (replicas, pod securityContext.fsGroup)') },
  { go: 'pkg/utils/utils_test.go TestGetObjectKind', reason: "a Go scheme lookup of an object's kind; no object is created" },
  { go: 'pkg/utils/utils_test.go TestBoolEnvVar', reason: "reading the operator's own environment variables; the renderer reads no environment (options instead)" },
  { go: 'pkg/utils/utils_test.go TestCommaSeparated', reason: 'a string helper; the comma-separated containers annotation it serves is ported with TestDefaultMultiSecretEnv and TestDefaultMultiSecretFiles' },
  { go: 'pkg/utils/yaml_test.go TestReadYamlFile', reason: "reading a file from the operator's disk; profiles are data handed to the renderer" },
  { go: 'pkg/utils/yaml_test.go TestReadYamlFilesFromDir', reason: "reading a directory of the operator's disk; profiles are data handed to the renderer" },

  // internal/controller/monitor_test.go (4), preprocessor_test.go (2)
  { go: 'internal/controller/monitor_test.go TestApplyServiceMonitor_MonitoringDisabled', ports: p(RENDER, 'internal/controller monitor_test.go (main) > TestApplyServiceMonitor_MonitoringDisabled: no ServiceMonitor') },
  {
    go: 'internal/controller/monitor_test.go TestApplyServiceMonitor_MonitoringEnabled_NoCRD',
    reason: 'the operator fails when the cluster has no ServiceMonitor CRD; a renderer does not see the cluster (applying the rendered ServiceMonitor fails the same way there)',
  },
  { go: 'internal/controller/monitor_test.go TestApplyServiceMonitor_MonitoringEnabled_WithCRD', ports: p(RENDER, 'internal/controller monitor_test.go (main) > TestApplyServiceMonitor_MonitoringEnabled_WithCRD: metrics-<cr>, labels, selector, namespace, one endpoint'), note: 'no ownerReference (no uid offline)' },
  {
    go: 'internal/controller/monitor_test.go TestApplyServiceMonitor_Update_ExistingServiceMonitor',
    reason: 'updates a ServiceMonitor already in the cluster; the rendered one is the desired object, the same as with no existing one (MonitoringEnabled_WithCRD)',
  },
  { go: 'internal/controller/preprocessor_test.go TestExtConfigChanged', ports: p(RENDER, 'internal/controller preprocessor_test.go (main): the ext-config hash > TestExtConfigChanged: changed data of a referenced ConfigMap changes the hash (so the pod restarts); the sync label on the user ConfigMap is not ours to set'), note: 'the operator also labels the user ConfigMap (rhdh.redhat.com/ext-config-sync); we never change user objects' },
  { go: 'internal/controller/preprocessor_test.go TestExtConcatData', ports: p(RENDER, 'internal/controller preprocessor_test.go (main): the ext-config hash > TestExtConcatData: the same data with keys in another order gives the same hash') },

  // integration_tests (ginkgo It specs, rhdh profile)
  { go: 'integration_tests/config-refresh_test.go It("refreshes pod for mounts with subPath")', reason: 'a live pod re-reading a changed ConfigMap (exec in the pod); the rendered part, the ext-config hash changing with the data, is TestExtConfigChanged\'s port' },
  { go: 'integration_tests/config-refresh_test.go It("refreshes mounts without subPath")', reason: 'kubelet refreshing a directory mount in a running pod; nothing rendered changes' },
  { go: 'integration_tests/config-refresh_test.go It("refreshes pod for mounts with subPath and spec.deployment.kind")', reason: 'as "refreshes pod for mounts with subPath", with a StatefulSet (kind StatefulSet is ported by TestDeploymentKind)' },
  { go: 'integration_tests/cr-compatibility_test.go It("verifies prev and current version API compatibility")', reason: 'API server conversion between stored CR versions; we read each served version (test/validate/cr-schema.test.ts)' },
  { go: 'integration_tests/cr-config_test.go It("creates Backstage with external configuration")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > cr-config_test.go "creates Backstage with external configuration": volumes, mounts, args, envFrom and env of the Backstage container and the sidecar') },
  { go: 'integration_tests/cr-config_test.go It("generates label and annotation")', reason: 'the operator labels and annotates the user\'s ConfigMap; we never change objects that are not ours (docs/differences.md)' },
  { go: 'integration_tests/cr-config_test.go It("creates Backstage with spec.deployment.patch ")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > cr-config_test.go "creates Backstage with spec.deployment.patch": busybox image on the Backstage container, the added ephemeral volume') },
  { go: 'integration_tests/cr-config_test.go It("creates Backstage with spec.deployment.kind=StatefulSet ")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > cr-config_test.go "creates Backstage with spec.deployment.kind=StatefulSet"') },
  { go: 'integration_tests/cr-config_test.go It("failed Backstage with unknown spec.deployment.kind ")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > cr-config_test.go "failed Backstage with unknown spec.deployment.kind": refused, naming the field') },
  {
    go: 'integration_tests/cr-config_test.go It("changes strategy from RollingUpdate to Recreate")',
    ports: p(RENDER, 'integration_tests (main, rhdh profile) > cr-config_test.go "changes strategy from RollingUpdate to Recreate": the profile strategy is RollingUpdate; the patch with $patch: delete makes it Recreate alone'),
  },
  { go: 'integration_tests/db_test.go It("creates Backstage with disabled local DB and secret")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > db_test.go "%s": no DB StatefulSet, a Deployment') },
  { go: 'integration_tests/db_test.go It("creates Backstage with disabled local DB no secret")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > db_test.go "%s": no DB StatefulSet, a Deployment') },
  {
    go: 'integration_tests/default-config_test.go It("creates runtime objects")',
    ports: p(RENDER, 'integration_tests (main, rhdh profile) > default-config_test.go "creates runtime objects": DB Secret (5 keys, POSTGRES_USER postgres) read by the DB container, DB Service, Deployment (replicas left to the API server default of 1)'),
    note: 'ownerReferences and status are not rendered',
  },
  {
    go: 'integration_tests/default-config_test.go It("creates runtime object using raw configuration")',
    ports: p(RENDER, 'integration_tests (main, rhdh profile) > default-config_test.go "creates runtime object using raw configuration": the raw Deployment (one busybox container) and raw DB StatefulSet'),
  },
  { go: 'integration_tests/default-config_test.go It("creates backstage and checks the status")', reason: 'the CR status conditions (DeployInProgress, Deployed) of a running operator; we render no status' },
  {
    go: 'integration_tests/plugin-deps_test.go It("creates plugin dependencies")',
    ports: p(RENDER, 'integration_tests (main, rhdh profile) > plugin-deps_test.go "creates plugin dependencies": the enabled plugin\'s ref brings a ConfigMap and a Secret; the disabled plugin\'s and unlisted files do not'),
  },
  ...['creates PV dynamically with configured by default PVC', 'bounds configured by default PVC with precreated PV', 'creates specified PVCs and mounts to container'].map((t) => ({
    go: `integration_tests/pvcs_test.go It("${t}")`,
    ports: p(RENDER, 'integration_tests (main, rhdh profile) > pvcs_test.go (the PVC objects and mounts of the three specs): backstage-pvcs-<cr>-<claim> at the annotation paths; CR claims at <workingDir>/<name> or their path'),
    note: 'PV provisioning, binding and `test -d` in the pod need a cluster',
  })),
  {
    go: 'integration_tests/rhdh-config_test.go It("tests rhdh config")',
    ports: p(
      RENDER,
      'integration_tests (main, rhdh profile) > rhdh-config_test.go "tests rhdh config": the installer and Backstage container mounts, NPM_CONFIG_USERCONFIG, args, base URLs on OpenShift',
      'integration_tests (main, rhdh profile) > rhdh-config_test.go "tests rhdh config" on Kubernetes: fsGroup on both pods, a NodePort Service, no base URLs',
      'integration_tests (main, rhdh profile) > rhdh-config_test.go "tests rhdh config" with OPERATOR_DP_PROCESSING: plugins-appconfig first in the args and mounted',
    ),
  },
  { go: 'integration_tests/rhdh-config_test.go It("replaces dynamic-plugins-root volume")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > rhdh-config_test.go "replaces dynamic-plugins-root volume": $patch: replace gives a PVC volume, no ephemeral') },
  { go: 'integration_tests/rhdh-config_test.go It("replaces .npmrc")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > rhdh-config_test.go "replaces .npmrc": the CR Secret at the npmrc path of the installer replaces the profile mount') },
  {
    go: 'integration_tests/rhdh-config_test.go It("creates rhdh with default Lightspeed flavour")',
    ports: p(
      RENDER,
      'integration_tests (main, rhdh profile) > rhdh-config_test.go "%s": no flavour-lightspeed object, no lightspeed-core container, no init-rag-data',
      'integration_tests (main, rhdh profile) > rhdh-config_test.go "creates rhdh with default Lightspeed flavour": named in the CR, lightspeed objects, lightspeed-core and init-rag-data',
    ),
    note: 'skipped at c0cb1c9 (lightspeed off by default on main, RHIDP-15458): we check both the default (off) and the flavour named in the CR',
  },
  { go: 'integration_tests/rhdh-config_test.go It("creates rhdh with no flavours")', ports: p(RENDER, 'integration_tests (main, rhdh profile) > rhdh-config_test.go "%s": no flavour-lightspeed object, no lightspeed-core container, no init-rag-data') },
  ...['route disabled', 'route with subdomain', 'route with host'].map((t) => ({
    go: `integration_tests/route_test.go It("creates Backstage object (on Openshift) - ${t}")`,
    ports: p(RENDER, 'integration_tests (main, rhdh profile) > route_test.go "creates Backstage object (on Openshift) - %s": the Route and the base URL in the default app-config'),
  })),
];
