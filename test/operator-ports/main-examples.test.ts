// Every example CR of the operator's main (examples/ at c0cb1c9, read from ../shared, never copied)
// renders as operatorVersion main on the embedded rhdh profile: no error and no warning, and each
// Backstage CR of the file gets what main creates for it: its workload (a StatefulSet when
// spec.deployment.kind says so), its Service, its default app-config ConfigMap and the local
// database unless the CR turns it off. test/parity checks the same files render without errors.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveProfile } from '../../cli/profile-loader';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { describeWithOperatorData, OPERATOR_DATA, OPERATOR_FILES } from '../operator-data';

const RELEASE = 'rhdh-operator-c0cb1c9';
// Main refuses two of its own examples, as the operator at main does (a multi-key app-config
// ConfigMap; the lightspeed container with the flavour off by default): their exact errors are
// asserted in test/parity/profiles-parity.test.ts.
const REFUSED_BY_MAIN = ['lightspeed.yaml', 'rhdh-cr-with-app-configs.yaml'];

describeWithOperatorData('operator main (c0cb1c9) examples/ render as main', () => {
  test.each(OPERATOR_FILES[RELEASE].examples.filter((f) => !REFUSED_BY_MAIN.includes(f)))('examples/%s', (file) => {
    const profile = resolveProfile('rhdh', process.cwd(), 'main');
    const items = (parseYamlDocuments(fs.readFileSync(path.join(OPERATOR_DATA, RELEASE, 'examples', file), 'utf8')) as KObject[]).filter((o) => o);
    const out = renderBackstage({
      items,
      options: withDefaults({ secretSeed: 'examples-seed', operatorVersion: 'main', platform: 'openshift', ingressDomain: 'apps.example.com', namespace: 'ns1' }),
      profile,
    });
    expect(out.results.filter((r) => r.severity === 'error' || r.severity === 'warning')).toEqual([]);
    const made = out.generated.map((o) => `${o.kind}/${o.metadata.name}`);
    const crs = items.filter((o) => o.kind === 'Backstage') as any[];
    expect(crs.length).toBeGreaterThan(0);
    for (const cr of crs) {
      const name = cr.metadata.name;
      const expected = [`${cr.spec?.deployment?.kind ?? 'Deployment'}/backstage-${name}`, `Service/backstage-${name}`];
      if (cr.spec?.database?.enableLocalDb !== false) expected.push(`StatefulSet/backstage-psql-${name}`, `Service/backstage-psql-${name}`);
      expect([file, expected.filter((k) => !made.includes(k))]).toEqual([file, []]);
      expect([file, made.some((k) => k.startsWith(`ConfigMap/backstage-appconfig-${name}-`))]).toEqual([file, true]);
    }
  });
});
