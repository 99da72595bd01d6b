// The port table of release-1.10 (test/operator-ports/1.10.ts) is complete and true: each Go test
// file has one row per Go test, each row is ported (naming tests of ours that exist) or says why it
// does not apply, and every port in test/operator-ports/1.10-*.test.ts is named by a row.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { GO_TEST_FILES_110, PORTS_110 } from './1.10';

const ROOT = path.join(__dirname, '..', '..');

/** The titles of the test() / it() / test.each(...)() / testWithOperatorData() calls in a test file, as written. */
function testTitles(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const titles: string[] = [];
  const isTestCallee = (e: ts.Expression): boolean => {
    if (ts.isIdentifier(e)) return ['test', 'it', 'testWithOperatorData'].includes(e.text);
    // test.each(table)(title, fn)
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) return e.expression.name.text === 'each' && isTestCallee(e.expression.expression);
    return false;
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && isTestCallee(node.expression)) {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) titles.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return titles;
}

const titlesByFile = new Map<string, string[]>();
const titlesOf = (file: string) => {
  if (!titlesByFile.has(file)) titlesByFile.set(file, testTitles(file));
  return titlesByFile.get(file)!;
};

describe('release-1.10 port table (test/operator-ports/1.10.ts)', () => {
  test('the title reader finds plain, each and operator-data tests', () => {
    expect(titlesOf('test/operator-ports/1.10-envs.test.ts')).toContain('TestSpecifiedCMEnvsWithContainers / TestSpecifiedSecretEnvsWithContainers (%s): named containers only; then "*": all four');
    expect(titlesOf('test/plugins/deps.test.ts')).toContain('the embedded rhdh profile gives the same dependency objects as the operator release-1.10 profile');
    expect(titlesOf('test/model/flavour.test.ts')).not.toContain('flavours (flavour.go, default-config.go)');
    expect(titlesOf('test/operator-ports/1.10-table.test.ts')).toEqual([
      'the title reader finds plain, each and operator-data tests',
      'every Go test file has as many rows as tests (94 Go test funcs in pkg/model, 6 in internal/controller, 24 integration specs)',
      'each row is ported or not applicable, with a reason',
      'every test a row names exists in the file it names',
      'every port in test/operator-ports/1.10-*.test.ts is named by a row',
    ]);
  });

  test('every Go test file has as many rows as tests (94 Go test funcs in pkg/model, 6 in internal/controller, 24 integration specs)', () => {
    const counts: Record<string, number> = {};
    for (const row of PORTS_110) counts[row.goFile] = (counts[row.goFile] ?? 0) + 1;
    expect(counts).toEqual(GO_TEST_FILES_110);
    const total = (prefix: string) => Object.entries(GO_TEST_FILES_110).filter(([f]) => f.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
    expect([total('pkg/model/'), total('internal/controller/'), total('integration_tests/')]).toEqual([94, 6, 24]);
    const names = PORTS_110.map((r) => `${r.goFile} ${r.go}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('each row is ported or not applicable, with a reason', () => {
    const bad = PORTS_110.filter((r) => (r.ours && r.ours.length > 0) === (typeof r.notApplicable === 'string' && r.notApplicable.length > 20));
    expect(bad).toEqual([]);
  });

  test('every test a row names exists in the file it names', () => {
    const missing: string[] = [];
    for (const row of PORTS_110) {
      for (const ours of row.ours ?? []) {
        if (!fs.existsSync(path.join(ROOT, ours.file))) missing.push(`${row.go}: no file ${ours.file}`);
        else if (!titlesOf(ours.file).includes(ours.test)) missing.push(`${row.go}: no test "${ours.test}" in ${ours.file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every port in test/operator-ports/1.10-*.test.ts is named by a row', () => {
    const dir = path.join(ROOT, 'test', 'operator-ports');
    const named = new Set(PORTS_110.flatMap((r) => (r.ours ?? []).map((o) => `${o.file}|${o.test}`)));
    const ports = fs
      .readdirSync(dir)
      // not ports: the table's own test, and the examples of release-1.10 rendered without warnings
      .filter((f) => /^1\.10-.+\.test\.ts$/.test(f) && !['1.10-table.test.ts', '1.10-examples.test.ts'].includes(f))
      .sort();
    const unnamed = ports.flatMap((f) => titlesOf(`test/operator-ports/${f}`).map((title) => `test/operator-ports/${f}|${title}`)).filter((k) => !named.has(k));
    expect(unnamed).toEqual([]);
  });
});
