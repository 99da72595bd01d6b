// The port table of operator main (test/operator-ports/main.ts) is true: every Go test and ginkgo
// spec at c0cb1c9 has one row, and every port it names is a test of ours.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAIN_PORTS } from './main';

const ROOT = path.join(__dirname, '..', '..');

/** The string literals that title a test(), it(), describe() or test.each(...)() call in a file. */
export function titlesIn(text: string): { tests: Set<string>; all: Set<string> } {
  const tests = new Set<string>();
  const all = new Set<string>();
  const re = /(\btest|\bit|\bdescribe|\))(?:\.only|\.skip)?\(\s*(['"`])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const quote = m[2];
    let i = re.lastIndex;
    let s = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        s += text[i + 1];
        i += 2;
      } else s += text[i++];
    }
    all.add(s);
    if (m[1] !== 'describe') tests.add(s);
  }
  return { tests, all };
}

/** Go test functions and It specs per file at c0cb1c9 (git show c0cb1c9:<file> | grep '^func Test\|It(' ). */
const INVENTORY: Record<string, number> = {
  'pkg/model/appconfig_test.go': 5,
  'pkg/model/configmapenvs_test.go': 7,
  'pkg/model/configmapfiles_test.go': 10,
  'pkg/model/db-secret_test.go': 3,
  'pkg/model/db-statefulset_test.go': 2,
  'pkg/model/default-config_test.go': 2,
  'pkg/model/deployment_test.go': 12,
  'pkg/model/dynamic-plugins-reference_test.go': 6,
  'pkg/model/dynamic-plugins_test.go': 17,
  'pkg/model/flavour_test.go': 5,
  'pkg/model/plugin_deps_test.go': 4,
  'pkg/model/pvcs_test.go': 5,
  'pkg/model/route_test.go': 7,
  'pkg/model/runtime_test.go': 8,
  'pkg/model/secretenvs_test.go': 5,
  'pkg/model/secretfiles_test.go': 9,
  'pkg/utils/utils_test.go': 7,
  'pkg/utils/yaml_test.go': 2,
  'internal/controller/monitor_test.go': 4,
  'internal/controller/preprocessor_test.go': 2,
  'integration_tests/config-refresh_test.go': 3,
  'integration_tests/cr-compatibility_test.go': 1,
  'integration_tests/cr-config_test.go': 6,
  'integration_tests/db_test.go': 2,
  'integration_tests/default-config_test.go': 3,
  'integration_tests/plugin-deps_test.go': 1,
  'integration_tests/pvcs_test.go': 3,
  'integration_tests/rhdh-config_test.go': 5,
  'integration_tests/route_test.go': 3,
};

describe('operator main port table (test/operator-ports/main.ts)', () => {
  test('one row per Go test and spec of c0cb1c9, as many per file as the inventory says', () => {
    const names = MAIN_PORTS.map((r) => r.go);
    expect(names.length).toBe(new Set(names).size);
    const perFile: Record<string, number> = {};
    for (const n of names) perFile[n.split(' ')[0]] = (perFile[n.split(' ')[0]] ?? 0) + 1;
    expect(perFile).toEqual(INVENTORY);
  });

  test('every port names an existing test (describe titles > test title); every other row gives a reason', () => {
    const cache = new Map<string, ReturnType<typeof titlesIn>>();
    const missing: string[] = [];
    for (const row of MAIN_PORTS) {
      if ('reason' in row) {
        if (row.reason.length < 30) missing.push(`${row.go}: reason too short`);
        continue;
      }
      if (row.ports.length === 0) missing.push(`${row.go}: no port`);
      for (const ref of row.ports) {
        const [file, title] = ref.split(' :: ');
        if (!cache.has(file)) {
          const p = path.join(ROOT, file);
          cache.set(file, fs.existsSync(p) ? titlesIn(fs.readFileSync(p, 'utf8')) : { tests: new Set(), all: new Set() });
        }
        const t = cache.get(file)!;
        const parts = title.split(' > ');
        const last = parts.pop()!;
        if (!t.tests.has(last) || parts.some((d) => !t.all.has(d))) missing.push(`${row.go}: ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every test of main-model / main-render is a port some row names (or a named extra)', () => {
    const EXTRA = ['two unannotated profile ConfigMaps: both mount over the working dir, the second replaces the first mount (main mountFilesFrom)'];
    const named = new Set(MAIN_PORTS.flatMap((r) => ('ports' in r ? r.ports.map((x) => x.split(' > ').pop()!) : [])));
    for (const f of ['main-model.test.ts', 'main-render.test.ts']) {
      const { tests } = titlesIn(fs.readFileSync(path.join(__dirname, f), 'utf8'));
      expect([...tests].filter((t) => !named.has(t) && !EXTRA.includes(t))).toEqual([]);
    }
  });

  test('the counts in docs/operator-versions.md are the table', () => {
    const ported = MAIN_PORTS.filter((r) => 'ports' in r).length;
    const na = MAIN_PORTS.length - ported;
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'operator-versions.md'), 'utf8');
    expect(doc).toContain(`main (c0cb1c9): ${MAIN_PORTS.length} Go tests and specs, ${ported} ported, ${na} not applicable`);
  });

  test('titlesIn reads quoted titles with escapes, test.each titles and describe titles', () => {
    const t = titlesIn("describe('d', () => {\n  test.each([[1]])('%s x', () => {});\n  test(\"q\\\"s\", () => {});\n  it('it\\'s', () => {});\n});\n");
    expect([[...t.tests], [...t.all]]).toEqual([
      ['%s x', 'q"s', "it's"],
      ['d', '%s x', 'q"s', "it's"],
    ]);
  });
});
