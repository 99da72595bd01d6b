// Every example CR of operator 1.9.8 (examples/ in ../shared/operator-data, never copied here)
// renders as 1.9 with the embedded rhdh profile: no error and no warning, and each Backstage CR of
// the file gets what the operator creates for it: its workload (a StatefulSet when
// spec.deployment.kind says so), its Service, the default app-config ConfigMap, and the local
// database unless the CR turns it off. test/parity checks the same files render without errors.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfileDir } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { REPO_ROOT } from '../helpers';
import { describeWithOperatorData, OPERATOR_DATA, OPERATOR_FILES } from '../operator-data';

describeWithOperatorData('operator 1.9.8 examples/ render as 1.9', () => {
  test.each(OPERATOR_FILES['rhdh-operator-1.9.8'].examples)('examples/%s', (file) => {
    const profile = loadProfileDir(path.join(REPO_ROOT, 'profiles', '1.9', 'rhdh'), 'rhdh');
    const items = parseYamlDocuments(fs.readFileSync(path.join(OPERATOR_DATA, 'rhdh-operator-1.9.8', 'examples', file), 'utf8')) as KObject[];
    const out = renderBackstage({ items, options: withDefaults({ secretSeed: 'examples-seed', operatorVersion: '1.9', ingressDomain: 'apps.example.com', namespace: 'ns1' }), profile });
    expect(out.results.filter((r) => r.severity === 'error' || r.severity === 'warning')).toEqual([]);
    const made = new Set(out.generated.map((o) => `${o.kind}/${o.metadata.name}`));
    const crs = items.filter((o) => o.kind === 'Backstage') as any[];
    expect(crs.length).toBeGreaterThan(0);
    for (const cr of crs) {
      const name = cr.metadata.name;
      const expected = [`${cr.spec?.deployment?.kind ?? 'Deployment'}/backstage-${name}`, `Service/backstage-${name}`, `ConfigMap/backstage-appconfig-${name}`];
      if (cr.spec?.database?.enableLocalDb !== false) expected.push(`StatefulSet/backstage-psql-${name}`, `Service/backstage-psql-${name}`);
      expect([file, expected.filter((k) => !made.has(k))]).toEqual([file, []]);
    }
  });
});
