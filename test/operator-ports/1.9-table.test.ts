// The 1.9 port table (test/operator-ports/1.9.ts) is complete and true: one row per Go test func and
// integration spec of 1.9.8 (the counts taken from that tree), each port naming exactly one test of
// ours by its title (read from the test file's source, up to the first ": "), and every test of the
// 1.9 port files listed by a row.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../helpers';
import { COUNTS_1_9, PORTS_1_9 } from './1.9';

/** The titles of the test(...) / it(...) calls of a test file, as written (string literals only). */
function testTitles(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const titles: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['test', 'it', 'testWithOperatorData'].includes(node.expression.text)) {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) titles.push(first.text);
      else titles.push(`<not a literal title at ${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}>`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return titles;
}
const prefix = (title: string) => title.split(': ')[0];

const rows = Object.entries(PORTS_1_9);
const ports = rows.flatMap(([go, row]) => ('port' in row ? [{ go, ...row }] : []));
const PORT_FILES = ['test/operator-ports/1.9-model.test.ts', 'test/operator-ports/1.9-integration.test.ts'];

describe('the 1.9.8 port table', () => {
  test('one row per Go test func / ginkgo spec of 1.9.8: 82 pkg/model, 7 internal/controller, 9 pkg/utils, 26 integration, 2 e2e', () => {
    const counted = Object.fromEntries(Object.keys(COUNTS_1_9).map((dir) => [dir, rows.filter(([go]) => go.startsWith(dir)).length]));
    expect(counted).toEqual(COUNTS_1_9);
    expect(rows.length).toBe(Object.values(COUNTS_1_9).reduce((a, b) => a + b, 0));
    // Each key: the operator file, then the Go test func (Test...) or the It spec.
    for (const [go] of rows) expect([go, /^[\w/.-]+_test\.go (Test\w+|It ".+")$/.test(go)]).toEqual([go, true]);
  });

  test('every port names exactly one existing test of ours, titled by the Go name or It spec of its row', () => {
    const titles = new Map<string, string[]>();
    for (const p of ports) {
      if (!titles.has(p.port)) titles.set(p.port, testTitles(p.port));
      const matching = titles.get(p.port)!.filter((t) => prefix(t) === p.test);
      expect([p.go, p.port, matching.length]).toEqual([p.go, p.port, 1]);
      expect([p.go, p.go.endsWith(` ${p.test}`)]).toEqual([p.go, true]);
    }
  });

  test('every reason given for not porting says something', () => {
    for (const [go, row] of rows) if ('notApplicable' in row) expect([go, row.notApplicable.length > 20]).toEqual([go, true]);
  });

  test('every test of the 1.9 port files is a port listed in the table', () => {
    for (const file of PORT_FILES) {
      const listed = new Set(ports.filter((p) => p.port === file).map((p) => p.test));
      expect([file, testTitles(file).filter((t) => !listed.has(prefix(t)))]).toEqual([file, []]);
    }
  });

  test('counts: ported and not applicable', () => {
    expect({ ported: ports.length, notApplicable: rows.length - ports.length }).toEqual({ ported: 113, notApplicable: 13 });
  });
});
