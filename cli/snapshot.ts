// The V8 start-up snapshot of the bundle (docs/performance.md, Start-up). `node --snapshot-blob
// FILE --build-snapshot dist/backstage-render.js` runs this in place of the executable: it renders
// a sample as kpt would (output thrown away), so the snapshot holds the code that path runs
// compiled, the embedded profile parsed and the pure memos of fn/ filled, and makes cli/entry.ts
// its main function. Nothing of a run's own (arguments, environment, working
// directory, stdin) is read here: entry.ts reads them when the snapshot starts.
import { runToOutcome } from './outcome';

/** The warm-up's seed: a fixed one, so the sample's DB Secret can be rendered; none of it is kept. */
const SAMPLE_SEED = 'snapshot-warm-up-seed-not-a-secret';

// A team's CR as kpt hands it over (block YAML, as kyaml writes it), with an app-config, extra
// files and envs, a dynamic plugins ConfigMap with a plugin dependency, a deployment patch and a
// route host; and a second, minimal one in flow style (the other half of the YAML reader).
const SAMPLE = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
  - apiVersion: rhdh.redhat.com/v1alpha5
    kind: Backstage
    metadata:
      name: warm-up
      namespace: snapshot-sample
      annotations:
        config.kubernetes.io/index: "0"
        internal.config.kubernetes.io/path: backstage.yaml
    spec:
      application:
        appConfig:
          mountPath: /opt/app-root/src
          configMaps:
            - name: app-config-sample
        extraFiles:
          mountPath: /opt/app-root/src/files
          configMaps:
            - name: files-sample
              key: one.txt
        extraEnvs:
          envs:
            - name: LOG_LEVEL
              value: info
          configMaps:
            - name: env-sample
          secrets:
            - name: secret-sample
              key: TOKEN
        dynamicPluginsConfigMapName: plugins-sample
        route:
          enabled: true
          host: portal.example.com
      deployment:
        patch:
          spec:
            replicas: 2
            template:
              spec:
                containers:
                  - name: backstage-backend
                    env:
                      - name: EXTRA
                        value: "1"
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: app-config-sample
      namespace: snapshot-sample
    data:
      app-config.yaml: |
        app:
          title: Sample
          baseUrl: https://portal.example.com
        backend:
          baseUrl: https://portal.example.com
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: files-sample
      namespace: snapshot-sample
    data:
      one.txt: one
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: env-sample
      namespace: snapshot-sample
    data:
      MODE: sample
  - apiVersion: v1
    kind: Secret
    metadata:
      name: secret-sample
      namespace: snapshot-sample
    type: Opaque
    data:
      TOKEN: c2FtcGxl
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: plugins-sample
      namespace: snapshot-sample
    data:
      dynamic-plugins.yaml: |
        includes:
          - dynamic-plugins.default.yaml
        plugins:
          - package: oci://registry.access.redhat.com/rhdh/red-hat-developer-hub-backstage-plugin-orchestrator
            disabled: false
            dependencies:
              - ref: sonataflow
  - {apiVersion: rhdh.redhat.com/v1alpha5, kind: Backstage, metadata: {name: minimal, namespace: "snapshot-flow"}, spec: {flavours: [{name: orchestrator, enabled: true}]}}
`;

/**
 * The KRM door only, as kpt and kustomize run it: warming the CLI's paths too (commander, render's
 * printing) made every KRM run deserialize more (about 1.5 ms of CPU) for a path that then runs
 * about as fast warm or cold.
 */
function warmUp(): void {
  runToOutcome({ argv: [], env: { BACKSTAGE_RENDER_SECRET_SEED: SAMPLE_SEED }, cwd: '/', readStdin: () => SAMPLE, stdinIsTTY: false });
}

/**
 * Warms up, then makes `main` (requiring cli/entry.ts) the snapshot's main function. A process
 * started from the snapshot has no script in its argv (`node --snapshot-blob FILE -- ARGS`): the
 * bundle's path is put back at argv[1], where entry.ts expects it.
 */
export function prepareSnapshot(main: () => void): void {
  warmUp();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  const script = __filename;
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    process.argv.splice(1, 0, script);
    main();
  });
}
