// The operator's data files (../shared/operator-data, never copied into the repository) and the one
// way tests that read them are registered. The same tests exist with or without the data: tables are
// built from the fixed lists below, not from the directory (a test checks the lists against it). Without
// the data each such test is reported skipped, by name, saying how to get the data; with
// BACKSTAGE_RENDER_REQUIRE_ALL=1 (set by .ci/run) each fails instead.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** ../shared next to the clone; BACKSTAGE_RENDER_SHARED names another directory (e.g. a missing one, to see the skips). */
export const SHARED = path.resolve(process.env.BACKSTAGE_RENDER_SHARED || path.join(__dirname, '..', '..', 'shared'));
export const OPERATOR_DATA = path.join(SHARED, 'operator-data');

/** .ci/run sets it: a test that cannot run for want of data or a tool fails instead of skipping. */
export const REQUIRE_ALL = process.env.BACKSTAGE_RENDER_REQUIRE_ALL === '1';

/** The three operator trees the tests read, as directories of OPERATOR_DATA, sorted. */
export const OPERATOR_RELEASE_DIRS = ['rhdh-operator-1.9.8', 'rhdh-operator-c0cb1c9', 'rhdh-operator-release-1.10'] as const;
export type OperatorReleaseDir = (typeof OPERATOR_RELEASE_DIRS)[number];

export const HAVE_OPERATOR_DATA = OPERATOR_RELEASE_DIRS.every((d) => fs.existsSync(path.join(OPERATOR_DATA, d, 'SOURCE.txt')));

export const OPERATOR_DATA_MISSING =
  `${OPERATOR_DATA} is absent (the Backstage operator's own data files: rhdh-operator 1.9.8, release-1.10 and main c0cb1c9). ` +
  'Get them as docs/contributing.md ("The operator\'s data files") says; docs/testing.md says what needs them.';

const PROFILE = ['default-config/app-config.yaml', 'default-config/db-secret.yaml', 'default-config/db-service.yaml', 'default-config/db-statefulset.yaml', 'default-config/deployment.yaml'];
const BACKSTAGE_IO = [...PROFILE, 'default-config/route.yaml', 'default-config/service.yaml'];
const RHDH_BASE = [...PROFILE, 'default-config/dynamic-plugins.yaml'];
const RHDH_REST = [
  'default-config/route.yaml',
  'default-config/secret-files.yaml',
  'default-config/service.yaml',
  'plugin-deps/argocd.yaml',
  'plugin-deps/sonataflow.yaml',
  'plugin-deps/tekton.yaml',
  'plugin-infra/argocd-cr.yaml',
  'plugin-infra/argocd.yaml',
  'plugin-infra/knative.yaml',
  'plugin-infra/pipeline.yaml',
  'plugin-infra/serverless-logic.yaml',
  'plugin-infra/serverless.yaml',
  'plugin-rbac/kustomization.yaml',
  'plugin-rbac/rbac-sonataflow.yaml',
];
const FLAVOURS = [
  'default-config/flavours/lightspeed/configmap-files.yaml',
  'default-config/flavours/lightspeed/deployment.yaml',
  'default-config/flavours/lightspeed/dynamic-plugins.yaml',
  'default-config/flavours/lightspeed/metadata.yaml',
  'default-config/flavours/orchestrator/dynamic-plugins.yaml',
  'default-config/flavours/orchestrator/metadata.yaml',
];
const EXAMPLES_198 = [
  'bs-existing-secret.yaml',
  'bs-route-disabled.yaml',
  'bs-route.yaml',
  'bs1.yaml',
  'catalog-index.yaml',
  'envvars.yaml',
  'filemounts.yaml',
  'orchestrator-cicd.yaml',
  'orchestrator.yaml',
  'pvc-dp-cache.yaml',
  'raw-runtime-config.yaml',
  'rhdh-cr-with-app-configs.yaml',
  'rhdh-cr.yaml',
];
const EXAMPLES_110 = [...EXAMPLES_198, 'lightspeed-disabled.yaml', 'lightspeed.yaml', 'local-bs.yaml', 'plugin-mirroring.yaml'].sort();

/**
 * The YAML files of each operator tree the tests read: examples/*.yaml, and per profile the files
 * under default-config/, plugin-deps/, plugin-infra/ and plugin-rbac/ (relative to the profile), sorted.
 */
export const OPERATOR_FILES: Record<OperatorReleaseDir, { examples: string[]; rhdh: string[]; 'backstage.io': string[] }> = {
  'rhdh-operator-1.9.8': { examples: EXAMPLES_198, rhdh: [...RHDH_BASE, ...RHDH_REST], 'backstage.io': BACKSTAGE_IO },
  'rhdh-operator-c0cb1c9': { examples: [...EXAMPLES_110, 'dyna-plugins.yaml'].sort(), rhdh: [...RHDH_BASE, ...FLAVOURS, ...RHDH_REST], 'backstage.io': BACKSTAGE_IO },
  'rhdh-operator-release-1.10': { examples: EXAMPLES_110, rhdh: [...RHDH_BASE, ...FLAVOURS, ...RHDH_REST], 'backstage.io': BACKSTAGE_IO },
};

/** [release dir, example file] for every example CR file of the operator, releases sorted. */
export function operatorExamples(releases: readonly OperatorReleaseDir[] = OPERATOR_RELEASE_DIRS): Array<[OperatorReleaseDir, string]> {
  return releases.flatMap((r) => OPERATOR_FILES[r].examples.map((f): [OperatorReleaseDir, string] => [r, f]));
}

const SKIPPED = ` [skipped: ../shared/operator-data is absent; see docs/testing.md]`;

/**
 * `describe` for tests that read the operator's data. Without the data: the same tests, reported
 * skipped one by one (or, with BACKSTAGE_RENDER_REQUIRE_ALL=1, failing with how to get it). The body
 * runs either way, so it must not read the data while collecting tests (only inside tests/hooks).
 */
export function describeWithOperatorData(name: string, fn: () => void): void {
  if (HAVE_OPERATOR_DATA) describe(name, fn);
  else if (REQUIRE_ALL)
    describe(name, () => {
      beforeAll(() => {
        throw new Error(OPERATOR_DATA_MISSING);
      });
      fn();
    });
  else describe.skip(name + SKIPPED, fn);
}

/** `test` for one test that reads the operator's data (see describeWithOperatorData). */
export function testWithOperatorData(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (HAVE_OPERATOR_DATA) test(name, fn, timeout);
  else if (REQUIRE_ALL)
    test(name, () => {
      throw new Error(OPERATOR_DATA_MISSING);
    });
  else test.skip(name + SKIPPED, fn);
}

/** Whether a program is on PATH. */
export function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d !== '' && fs.existsSync(path.join(d, program)));
}

/** `test` for a test that runs `program`: skipped by name when it is not on PATH (failing with BACKSTAGE_RENDER_REQUIRE_ALL=1). */
export function testWithProgram(program: string, name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (onPath(program)) test(name, fn, timeout);
  else if (REQUIRE_ALL)
    test(name, () => {
      throw new Error(`${program} is not on PATH; this test runs it (see docs/testing.md)`);
    });
  else test.skip(`${name} [skipped: ${program} is not on PATH]`, fn);
}

/**
 * What strict validation finds in the operator's own data, on every line (1.9.8, release-1.10,
 * c0cb1c9): `<file> <kind> <name>` -> problems. plugin-infra/knative.yaml gives its KnativeEventing
 * `spec.Registry: {}`, a field Knative's KnativeEventingSpec does not have (it has `registry`).
 * We ship plugin-infra as the operator does (the profiles equal its data); docs/reliability.md
 * says so. Tests expect exactly these, so a new finding still fails.
 */
export const OPERATOR_DATA_PROBLEMS: Record<string, string[]> = {
  'plugin-infra/knative.yaml KnativeEventing knative-eventing': ['spec.Registry: unknown field "Registry"'],
};

/** The same finding in the plugin-infra fixture's output, as problemsOf() words it. */
export const PLUGIN_INFRA_PROBLEMS = ['KnativeEventing knative-eventing/knative-eventing: spec.Registry: unknown field "Registry"'];
