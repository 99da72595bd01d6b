// What we render must be what the API server accepts. Every object of a built-in Kubernetes kind,
// and of a custom kind whose schema a registry package ships (CUSTOM_KINDS),
// in every fixture's output, and in the output of every operator example CR, is validated
// strictly (fn/validate/k8s-output.ts: unknown fields, types, required fields). A problem here is
// our bug, never the validator's: fix the model, do not loosen the schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { CUSTOM_KINDS, isValidatedKind, validateKubernetesObject } from '../../fn/validate/k8s-output';
import { FIXTURES } from '../fixture-cases';
import { resolveProfile } from '../../cli/profile-loader';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { operatorExamples } from '../operator-data';
import { fixtureCases, renderFixtureCase } from './support';
import { PLUGIN_INFRA_PROBLEMS } from '../operator-data';

/** One line per problem: `<kind> <ns>/<name>: <field path>: <message>`. */
export function problemsOf(objects: KObject[]): { checked: number; problems: string[] } {
  let checked = 0;
  const problems: string[] = [];
  for (const o of objects) {
    if (!isValidatedKind(o.apiVersion, o.kind)) continue;
    checked++;
    for (const p of validateKubernetesObject(o)) problems.push(`${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}: ${p}`);
  }
  return { checked, problems };
}

describe('every fixture output object of a built-in kind, or a custom kind with a package schema, passes validation', () => {
  const cases = fixtureCases();
  test('there are fixtures', () => expect(cases.length).toBeGreaterThan(10));

  test('the fixtures hold every custom kind validated here, so each one is checked somewhere', () => {
    const kinds = new Set<string>();
    for (const name of cases) {
      const text = fs.readFileSync(path.join(FIXTURES, name, 'expected.yaml'), 'utf8');
      for (const o of parseYamlDocuments(text) as KObject[]) if (o && CUSTOM_KINDS.includes(`${o.apiVersion}/${o.kind}`)) kinds.add(`${o.apiVersion}/${o.kind}`);
    }
    expect([...kinds].sort()).toEqual([...CUSTOM_KINDS]);
  });

  test.each(cases)('%s', (name) => {
    const out = renderFixtureCase(name);
    const objects = parseYamlDocuments(out.stdout) as KObject[];
    // A fixture that ends in an error prints nothing: nothing to validate (its results are the spec).
    if (out.exitCode !== 0) {
      expect(objects).toEqual([]);
      return;
    }
    const { checked, problems } = problemsOf(objects);
    expect(problems).toEqual(name === 'plugin-infra' ? PLUGIN_INFRA_PROBLEMS : []);
    expect(checked).toBeGreaterThan(0);
  });
});

// The operator's example CRs (../shared/operator-data/<release>/examples/*.yaml), on the embedded
// rhdh profile with a seed, on both platforms.
describeWithShared('every output object of every operator example CR passes strict Kubernetes validation', () => {
  const profile = resolveProfile('rhdh');
  test.each(operatorExamples().flatMap(([release, file]) => (['openshift', 'kubernetes'] as const).map((platform) => [release, file, platform] as const)))(
    '%s/examples/%s on %s',
    (release, file, platform) => {
      const items = parseYamlDocuments(fs.readFileSync(path.join(OPERATOR_DATA, release, 'examples', file), 'utf8')) as KObject[];
      const options = withDefaults({ platform, profile: 'rhdh', secretSeed: 'reliability-seed', ingressDomain: 'apps.example.com', namespace: 'ns1' });
      const res = renderBackstage({ items, options, profile });
      const errors = res.results.filter((r) => r.severity === 'error').map((r) => r.message);
      expect(errors).toEqual([]);
      const { checked, problems } = problemsOf(res.generated);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    },
  );
});
