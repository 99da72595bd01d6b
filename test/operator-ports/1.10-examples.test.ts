// Every example CR of release-1.10 (examples/ at 5a18d426, read from ../shared, never copied) renders
// as operatorVersion 1.10 on the embedded rhdh profile with no error and no warning: the parity test
// (test/parity/profiles-parity.test.ts) checks there are no errors; a warning would mean part of an
// example of that line is not rendered as that line renders it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KObject } from '../../fn/kio/types';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments } from '../../fn/yaml';
import { OPERATOR_DATA, OPERATOR_FILES, testWithOperatorData } from '../operator-data';
import { RHDH_110 } from './1.10-support';

const RELEASE = 'rhdh-operator-release-1.10';

for (const file of OPERATOR_FILES[RELEASE].examples) {
  testWithOperatorData(`release-1.10 examples/${file}: renders as 1.10 with no error or warning`, () => {
    const items = (parseYamlDocuments(fs.readFileSync(path.join(OPERATOR_DATA, RELEASE, 'examples', file), 'utf8')) as KObject[]).filter((o) => o);
    const res = renderBackstage({
      items,
      options: { platform: 'openshift', profile: 'rhdh', operatorVersion: '1.10', secretSeed: 'examples', ingressDomain: 'apps.example.com' },
      profile: RHDH_110,
    });
    expect(res.results.filter((r) => r.severity !== 'info')).toEqual([]);
    expect(res.generated.some((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')).toBe(true);
  });
}
