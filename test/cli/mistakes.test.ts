// Mistakes are caught (issue 13): an object that is almost a Backstage CR is an error naming the
// accepted apiVersions and kind; `strict` makes warnings errors; optional flag values never
// swallow a path. Through the real executable, as the CLI and as the KRM function.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, run, tmpDir } from '../helpers';
import { parseYamlDocuments } from '../../fn/yaml';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'mistakes-seed-4f1c9a7e' };
const ACCEPTED = 'a Backstage CR has apiVersion rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5 and kind Backstage';
const cr = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: developer-hub\n  namespace: rhdh\n`;
const resourceList = (item: string) => `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${item.trimEnd().replace(/^/gm, '  ').replace(/^  (?=\S)/, '- ')}\n`;

describe('an object that is almost a Backstage CR is an error, not an object passed through', () => {
  test.each([
    ['kind in another case', cr('rhdh.redhat.com/v1alpha5', 'BackStage'), 'kind', 'kind "BackStage" is not "Backstage" (kinds are case-sensitive)'],
    ['kind in lower case', cr('rhdh.redhat.com/v1alpha5', 'backstage'), 'kind', 'kind "backstage" is not "Backstage" (kinds are case-sensitive)'],
    ['another group', cr('backstage.io/v1alpha5', 'Backstage'), 'apiVersion', 'apiVersion "backstage.io/v1alpha5" is not a Backstage API version'],
    ['no group', cr('v1', 'Backstage'), 'apiVersion', 'apiVersion "v1" is not a Backstage API version'],
  ])('%s (CLI): exit 1, one line naming the field and the accepted forms, nothing on stdout', (_what, text, field, message) => {
    const r = run(BIN, ['render', '-'], { input: text, env: SEED });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: ${message}; ${ACCEPTED} (Backstage rhdh/developer-hub, field ${field})`.replace('(Backstage', `(${text.match(/kind: (\S+)/)![1]}`));
  });

  test('an unknown rhdh.redhat.com version is an error naming the supported ones', () => {
    const r = run(BIN, ['render', '-'], { input: cr('rhdh.redhat.com/v1alpha9', 'Backstage'), env: SEED });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: rhdh.redhat.com/v1alpha9 is not a supported version of rhdh.redhat.com; supported: rhdh.redhat.com/v1alpha3, rhdh.redhat.com/v1alpha4, rhdh.redhat.com/v1alpha5 (Backstage rhdh/developer-hub, field apiVersion)');
  });

  test('as the KRM function: exit 1, an error result on the object, the items as they came', () => {
    const r = run(BIN, [], { input: resourceList(cr('rhdh.redhat.com/v1alpha5', 'BackStage')), env: SEED });
    expect(r.status).toBe(1);
    const rl = parseYamlDocuments(r.stdout)[0] as { items: unknown[]; results: unknown[] };
    expect(rl.items).toHaveLength(1);
    expect(rl.results).toEqual([
      {
        message: `kind "BackStage" is not "Backstage" (kinds are case-sensitive); ${ACCEPTED}`,
        severity: 'error',
        resourceRef: { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'BackStage', name: 'developer-hub', namespace: 'rhdh' },
        field: { path: 'kind' },
      },
    ]);
  });
});

describe('strict: warnings are errors', () => {
  // v1alpha3 is no longer served by the 1.10 CRD: a warning.
  const v1alpha3 = cr('rhdh.redhat.com/v1alpha3', 'Backstage');

  test('without strict a warning renders, exit 0', () => {
    const r = run(BIN, ['render', '-'], { input: v1alpha3, env: SEED });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: /m);
    expect(r.stdout).toContain('kind: Deployment');
  });

  test('--strict: the warning is an error that says why, nothing rendered, exit 1', () => {
    const r = run(BIN, ['render', '-', '--strict'], { input: v1alpha3, env: SEED });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .* \[a warning; an error with strict\]/m);
    expect(r.stderr).not.toMatch(/^warning: /m);
  });

  test('strict in the function config (KRM, kpt fn eval -- strict=true)', () => {
    const input = `${resourceList(v1alpha3)}functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: function-input\n  data:\n    strict: "true"\n`;
    const r = run(BIN, [], { input, env: SEED });
    expect(r.status).toBe(1);
    const rl = parseYamlDocuments(r.stdout)[0] as { items: unknown[]; results: Array<{ severity: string; message: string }> };
    expect(rl.items).toHaveLength(1);
    expect(rl.results.map((x) => x.severity)).not.toContain('warning');
    expect(rl.results.some((x) => x.severity === 'error' && x.message.endsWith('[a warning; an error with strict]'))).toBe(true);
  });
});

describe('flags with an optional value never swallow a path', () => {
  test('render --prune-label cr.yaml: the file is read, the label is the default one', () => {
    const dir = tmpDir('prune-label');
    fs.writeFileSync(path.join(dir, 'cr.yaml'), cr('rhdh.redhat.com/v1alpha5', 'Backstage'));
    const r = run(BIN, ['render', '--prune-label', 'cr.yaml'], { cwd: dir, env: SEED });
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.status).toBe(0);
    const deployment = parseYamlDocuments(r.stdout).find((o) => (o as { kind: string }).kind === 'Deployment') as { metadata: { labels: Record<string, string> } };
    expect(deployment.metadata.labels['app.kubernetes.io/managed-by']).toBe('backstage-render');
  });

  test('--prune-label=key=value sets the label', () => {
    const r = run(BIN, ['render', '-', '--prune-label=team=platform'], { input: cr('rhdh.redhat.com/v1alpha5', 'Backstage'), env: SEED });
    expect(r.status).toBe(0);
    const deployment = parseYamlDocuments(r.stdout).find((o) => (o as { kind: string }).kind === 'Deployment') as { metadata: { labels: Record<string, string> } };
    expect(deployment.metadata.labels.team).toBe('platform');
  });
});
