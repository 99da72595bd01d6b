// What we render must be what the API server accepts: every generated object of a built-in kind is
// validated strictly (unknown fields, types, required fields) against the Kubernetes schemas.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { isValidatedKind, validateKubernetesObject } from '../../fn/validate/k8s-output';
import { resolveProfile } from '../../cli/profile-loader';
import { OPERATOR_DATA, describeWithShared } from '../helpers';
import { OPERATOR_FILES } from '../operator-data';

function validateGenerated(generated: KObject[]): { checked: number; problems: string[] } {
  let checked = 0;
  const problems: string[] = [];
  for (const o of generated) {
    if (!isValidatedKind(o.apiVersion, o.kind)) continue;
    checked++;
    for (const p of validateKubernetesObject(o)) problems.push(`${o.kind} ${o.metadata?.name}: ${p}`);
  }
  return { checked, problems };
}

describeWithShared('rendered objects of the operator examples pass strict Kubernetes validation (../shared)', () => {
  const dir = path.join(OPERATOR_DATA, 'rhdh-operator-release-1.10', 'examples');
  const files = OPERATOR_FILES['rhdh-operator-release-1.10'].examples;

  test.each(
    files.flatMap((f) => [
      [f, 'openshift'],
      [f, 'kubernetes'],
    ]),
  )('%s on %s', (file, platform) => {
    const items = parseYamlDocuments(fs.readFileSync(path.join(dir, file), 'utf8')) as KObject[];
    for (const o of items) if (!o.metadata?.namespace) o.metadata = { ...o.metadata, namespace: 'ns1' };
    const options = withDefaults({ platform: platform as 'openshift' | 'kubernetes', profile: 'rhdh', secretSeed: 'seed', ingressDomain: 'apps.example.com' });
    const res = renderBackstage({ items, options, profile: resolveProfile('rhdh') });
    const { checked, problems } = validateGenerated(res.generated);
    // A render that failed would generate nothing; say so instead of passing on an empty list.
    expect({ checked: checked >= 5, errors: res.results.filter((r) => r.severity === 'error').map((r) => r.message) }).toEqual({ checked: true, errors: [] });
    expect(problems).toEqual([]);
  });
});
