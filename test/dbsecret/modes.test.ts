// dbSecret plain, omit and external-secrets, the option itself, and where a plaintext password is
// warned about (files: -o, the KRM function door; not stdout).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../cli/main';
import { runKrmFunction } from '../../cli/krm';
import { runDiffCommand } from '../../cli/diff';
import type { KObject } from '../../fn/kio/types';
import { derivePassword } from '../../fn/model/db-password';
import { dbSecretMode, parseFunctionConfig, withDefaults } from '../../fn/options';
import { renderBackstage } from '../../fn/render';
import { parseYamlDocuments, stringifyYaml } from '../../fn/yaml';
import { resolveProfile } from '../../cli/profile-loader';
import { REPO_ROOT, tmpDir } from '../helpers';

const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const NAME = 'backstage-psql-secret-developer-hub';
const SEED = 'modes-test-seed-0123456789abcdef';
const CR: KObject = { apiVersion: 'rhdh.redhat.com/v1alpha5', kind: 'Backstage', metadata: { name: 'developer-hub', namespace: 'rhdh' } };
const PLAIN_WARNING =
  'warning: dbSecret plain: Secret rhdh/backstage-psql-secret-developer-hub is written with the database password in plaintext; do not commit it. ' +
  'dbSecret sealed-secrets (a SealedSecret only the cluster can open) or external-secrets (the cluster makes the password) keep it out of git; omit leaves the Secret out (Secret rhdh/backstage-psql-secret-developer-hub)';

function expectedObjects(fixture: string): KObject[] {
  return parseYamlDocuments(fs.readFileSync(path.join(FIXTURES, fixture, 'expected.yaml'), 'utf8')) as KObject[];
}

function cli(argv: string[], env: NodeJS.ProcessEnv = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const exitCode = main({ argv, env, cwd: REPO_ROOT, readStdin: () => stdin, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { exitCode, stdout, stderr };
}

describe('the dbSecret option', () => {
  test('modes, the omitDbSecret alias, and a wrong value', () => {
    expect(dbSecretMode(withDefaults({}))).toBe('plain');
    expect(dbSecretMode(withDefaults({ omitDbSecret: true }))).toBe('omit');
    expect(dbSecretMode(withDefaults({ omitDbSecret: true, dbSecret: 'external-secrets' }))).toBe('external-secrets');
    const fc = (spec: Record<string, unknown>) => parseFunctionConfig({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'r' }, spec });
    expect(fc({ dbSecret: 'sealed-secrets', sealedSecretsCert: 'cert.pem' }).options).toEqual({ dbSecret: 'sealed-secrets', sealedSecretsCert: 'cert.pem' });
    expect(fc({ dbSecret: 'vault' }).results).toEqual([
      {
        severity: 'error',
        message: 'option "dbSecret" must be one of plain, omit, sealed-secrets, external-secrets, not "vault"',
        resourceRef: { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', name: 'r' },
        field: { path: 'spec.dbSecret' },
      },
    ]);
    expect(cli(['render', '--db-secret', 'vault', '-']).stderr).toContain("argument 'vault' is invalid. Allowed choices are plain, omit, sealed-secrets, external-secrets.");
  });

  test('omitDbSecret renders exactly what dbSecret omit renders', () => {
    const input = path.join(FIXTURES, 'dbsecret-omit', 'input.yaml');
    const omit = cli(['render', input, '--omit-db-secret']);
    expect(omit.exitCode).toBe(0);
    expect(omit.stdout).toBe(fs.readFileSync(path.join(FIXTURES, 'dbsecret-omit', 'expected.yaml'), 'utf8'));
    expect(expectedObjects('dbsecret-omit').some((o) => o.metadata.name === NAME && /Secret$/.test(o.kind))).toBe(false);
    expect(JSON.stringify(expectedObjects('dbsecret-omit'))).toContain(`"name":"${NAME}"`);
  });
});

describe('dbSecret external-secrets', () => {
  test.each(['dbsecret-external-secrets', 'dbsecret-external-secrets-kubernetes'])('%s: ESO makes the Secret of the same name and keys; no password in the output', (fixture) => {
    const objects = expectedObjects(fixture);
    expect(objects.filter((o) => o.kind === 'Secret' && o.metadata.name === NAME)).toEqual([]);
    const generator = objects.find((o) => o.kind === 'Password')!;
    const es = objects.find((o) => o.kind === 'ExternalSecret')!;
    expect(generator.apiVersion).toBe('generators.external-secrets.io/v1alpha1');
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    const spec = es.spec as { refreshPolicy: string; target: { name: string; creationPolicy: string; immutable: boolean; template: { data: Record<string, string> } }; dataFrom: unknown };
    expect(spec.refreshPolicy).toBe('CreatedOnce');
    expect(spec.target.name).toBe(NAME);
    expect(spec.target.creationPolicy).toBe('Orphan');
    expect(spec.target.immutable).toBe(true);
    expect(spec.dataFrom).toEqual([{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: generator.metadata.name } } }]);
    // The same keys and fixed values as the plain Secret; the password from the generator.
    const plain = expectedObjects(fixture.endsWith('kubernetes') ? 'dbsecret-plain-kubernetes' : 'dbsecret-plain').find((o) => o.kind === 'Secret' && o.metadata.name === NAME)!;
    const plainData = plain.stringData as Record<string, string>;
    expect(spec.target.template.data).toEqual({ ...plainData, POSTGRES_PASSWORD: '{{ .password }}', POSTGRESQL_ADMIN_PASSWORD: '{{ .password }}' });
    expect(fs.readFileSync(path.join(FIXTURES, fixture, 'expected.yaml'), 'utf8')).not.toContain(plainData.POSTGRES_PASSWORD);
    expect(objects.filter((o) => JSON.stringify([o.data, o.stringData]).includes('PASSWORD'))).toEqual([]);
  });

  test('no seed is needed; a Secret already in the input is warned about (its password may be replaced)', () => {
    const options = withDefaults({ profile: 'rhdh', dbSecret: 'external-secrets' });
    const clean = renderBackstage({ items: [CR], options, profile: resolveProfile('rhdh') });
    expect(clean.results.filter((r) => r.severity !== 'info')).toEqual([]);
    const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME, namespace: 'rhdh' }, stringData: { POSTGRES_PASSWORD: 'live-one' } };
    const res = renderBackstage({ items: [CR, secret], options, profile: resolveProfile('rhdh') });
    expect(res.results.filter((r) => r.severity === 'warning').map((r) => r.message)).toEqual([
      'dbSecret external-secrets: Secret rhdh/backstage-psql-secret-developer-hub is in the input (from the cluster or an earlier render). On its first sync the ExternalSecret may give it a new password, which a database created with the old one refuses; to keep that password, use dbSecret sealed-secrets (it seals the Secret of the input)',
    ]);
    expect(JSON.stringify(res.generated)).not.toContain('live-one');
  });
});

describe('dbSecret plain written to files: a warning', () => {
  const env = { BACKSTAGE_RENDER_SECRET_SEED: SEED };
  const password = derivePassword(SEED, 'rhdh', NAME);

  test('render to stdout (kubectl apply): no warning', () => {
    const out = cli(['render', '-'], env, stringifyYaml(CR));
    expect(out.exitCode).toBe(0);
    expect(out.stderr).not.toContain('dbSecret plain');
    expect(out.stdout).toContain(password);
  });

  test('render -o DIR: the warning, once', () => {
    const dir = tmpDir('plain-files');
    const out = cli(['render', '-', '-o', dir], env, stringifyYaml(CR));
    expect(out.exitCode).toBe(0);
    expect(out.stderr.split('\n').filter((l) => l.includes('dbSecret plain'))).toEqual([PLAIN_WARNING]);
  });

  test('the KRM function door (kpt, kustomize): the warning as a result; none with sealed-secrets, external-secrets or omit', () => {
    const rl = (data: Record<string, string>) =>
      stringifyYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items: [CR], functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fc' }, data } });
    const plain = runKrmFunction(rl({}), env, REPO_ROOT);
    expect(plain.exitCode).toBe(0);
    expect(plain.stderr.split('\n').filter((l) => l.includes('dbSecret plain'))).toEqual([PLAIN_WARNING]);
    expect(plain.stdout.join('')).toContain('severity: warning');
    const modes: Array<Record<string, string>> = [{ dbSecret: 'external-secrets' }, { dbSecret: 'omit' }, { omitDbSecret: 'true' }, { dbSecret: 'sealed-secrets', sealedSecretsCert: 'test/keys/TEST-ONLY-sealed-secrets.cert.pem' }];
    for (const data of modes) {
      const out = runKrmFunction(rl(data), env, REPO_ROOT);
      expect({ data, exitCode: out.exitCode, warned: out.stderr.includes('dbSecret plain') }).toEqual({ data, exitCode: 0, warned: false });
      expect(out.stdout.join('')).not.toContain(password);
    }
  });
});

describe('diff: a Secret made in the cluster is not a deletion', () => {
  test.each(['sealed-secrets', 'external-secrets', 'omit'])('dbSecret %s against a live backstage-psql-secret', (mode) => {
    const dir = tmpDir('diff-modes');
    fs.writeFileSync(path.join(dir, 'cr.yaml'), stringifyYaml(CR));
    const flags = { dbSecret: mode as 'sealed-secrets', ...(mode === 'sealed-secrets' ? { sealedSecretsCert: path.join(REPO_ROOT, 'test/keys/TEST-ONLY-sealed-secrets.cert.pem') } : {}) };
    const render = (argv: string[]) => cli(['render', path.join(dir, 'cr.yaml'), '--db-secret', mode, ...argv], { BACKSTAGE_RENDER_SECRET_SEED: SEED });
    const rendered = render(mode === 'sealed-secrets' ? ['--sealed-secrets-cert', flags.sealedSecretsCert!] : []);
    expect(rendered.exitCode).toBe(0);
    const live: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: NAME, namespace: 'rhdh', annotations: { 'backstage-render.dev/rendered-from': 'rhdh/developer-hub' } }, data: { POSTGRES_PASSWORD: 'eA==' } };
    fs.writeFileSync(path.join(dir, 'against.yaml'), `${rendered.stdout}---\n${stringifyYaml(live)}`);
    let stdout = '';
    const code = runDiffCommand({
      paths: [path.join(dir, 'cr.yaml')],
      against: path.join(dir, 'against.yaml'),
      includeInputs: false,
      allowExecProviders: [],
      flags,
      env: { BACKSTAGE_RENDER_SECRET_SEED: SEED },
      cwd: REPO_ROOT,
      readStdin: () => '',
      stdout: (s) => (stdout += s),
      stderr: () => undefined,
    });
    expect({ code, stdout: stdout.includes(NAME) }).toEqual({ code: 0, stdout: false });
  });
});
