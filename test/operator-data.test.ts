// The fixed lists of test/operator-data.ts are what ../shared/operator-data holds, so tables built
// from them cover every file (and the same tests exist when the data is absent).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPERATOR_DATA, OPERATOR_FILES, OPERATOR_RELEASE_DIRS, testWithOperatorData } from './operator-data';

function yamlFilesUnder(dir: string, rel = ''): string[] {
  if (!fs.existsSync(path.join(dir, rel))) return [];
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? yamlFilesUnder(dir, r) : r.endsWith('.yaml') ? [r] : [];
  });
}

testWithOperatorData('the fixed lists of operator files (test/operator-data.ts) are the files of ../shared/operator-data', () => {
  expect(fs.readdirSync(OPERATOR_DATA).sort()).toEqual([...OPERATOR_RELEASE_DIRS]);
  for (const release of OPERATOR_RELEASE_DIRS) {
    const actual = {
      examples: fs.readdirSync(path.join(OPERATOR_DATA, release, 'examples')).filter((f) => f.endsWith('.yaml')).sort(),
      ...Object.fromEntries(
        (['rhdh', 'backstage.io'] as const).map((p) => {
          const dir = path.join(OPERATOR_DATA, release, 'config', 'profile', p);
          return [p, ['default-config', 'plugin-deps', 'plugin-infra', 'plugin-rbac'].flatMap((d) => yamlFilesUnder(dir, d)).sort()];
        }),
      ),
    };
    expect([release, actual]).toEqual([release, OPERATOR_FILES[release]]);
  }
});
