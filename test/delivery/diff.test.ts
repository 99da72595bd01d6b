// `backstage-render diff`, run as users run it (bin/backstage-render), against committed output
// (the -o layout) and against a cluster export; plus the normalization on single objects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareObject, formatDiff, diffObjects, quantityValue } from '../../cli/diff';
import type { KObject } from '../../fn/kio/types';
import { BIN, REPO_ROOT, copyDir, run, tmpDir } from '../helpers';
import { asLive } from './cluster-export';
import { APP_CONFIG, CR, SEED_ENV, cliRender, writeFiles } from './support';

function workspace(): string {
  const dir = tmpDir('diff');
  writeFiles(dir, { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
  return dir;
}

const diff = (dir: string, args: string[], env: NodeJS.ProcessEnv = SEED_ENV) => run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', ...args], { cwd: dir, env });

describe('backstage-render diff against committed output', () => {
  test('its own -o output: no difference, exit 0, nothing printed', () => {
    const dir = workspace();
    expect(run(BIN, ['render', 'backstage.yaml', 'app-config.yaml', '-o', 'out'], { cwd: dir, env: SEED_ENV }).status).toBe(0);
    const r = diff(dir, ['--against', 'out']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  test('changed, missing and stale files; Secret values masked; unrelated files ignored; exit 2', () => {
    const dir = workspace();
    run(BIN, ['render', 'backstage.yaml', 'app-config.yaml', '-o', 'out'], { cwd: dir, env: SEED_ENV });
    const base = path.join(dir, 'out', 'rhdh', 'developer-hub');
    const svc = path.join(base, 'service_backstage-developer-hub.yaml');
    fs.writeFileSync(svc, fs.readFileSync(svc, 'utf8').replace('port: 80\n', 'port: 8080\n'));
    const secret = path.join(base, 'secret_backstage-psql-secret-developer-hub.yaml');
    const secretText = fs.readFileSync(secret, 'utf8');
    const password = /POSTGRES_PASSWORD: (\S+)/.exec(secretText)![1];
    fs.writeFileSync(secret, secretText.split(password).join('an-older-password'));
    fs.rmSync(path.join(base, 'configmap_backstage-dynamic-plugins-developer-hub.yaml'));
    fs.writeFileSync(
      path.join(base, 'configmap_backstage-old-developer-hub.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: backstage-old-developer-hub\n  namespace: rhdh\n  annotations:\n    backstage-render.dev/rendered-from: rhdh/developer-hub\n',
    );
    fs.writeFileSync(path.join(dir, 'out', 'unrelated.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: someone-elses\n  namespace: rhdh\n');
    const r = diff(dir, ['--against', 'out']);
    expect(r.stdout).toBe(
      [
        '~ Secret rhdh/backstage-psql-secret-developer-hub',
        '    data.POSTGRESQL_ADMIN_PASSWORD: (secret value) -> (other secret value)',
        '    data.POSTGRES_PASSWORD: (secret value) -> (other secret value)',
        '+ ConfigMap rhdh/backstage-dynamic-plugins-developer-hub',
        '~ Service rhdh/backstage-developer-hub',
        '    spec.ports[name=http-backend].port: 8080 -> 80',
        '- ConfigMap rhdh/backstage-old-developer-hub',
        '',
      ].join('\n'),
    );
    expect(r.stdout + r.stderr).not.toContain(password);
    expect(r.stdout + r.stderr).not.toContain('an-older-password');
    expect(r.status).toBe(2);
  });

  test('CI check of a committed kpt package: Kptfile, kustomization.yaml and local-config files are not objects to compare', () => {
    const dir = path.join(tmpDir('diff-kpt'), 'kpt');
    copyDir(path.join(REPO_ROOT, 'examples', 'kpt'), dir);
    fs.writeFileSync(path.join(dir, 'rendered', 'kustomization.yaml'), 'resources:\n  - rhdh/developer-hub\n');
    const args = ['diff', 'backstage.yaml', 'app-config.yaml', '--config', 'render.yaml', '--against', '.'];
    const clean = run(BIN, args, { cwd: dir, env: {} });
    expect([clean.status, clean.stdout]).toEqual([0, '']);
    // Someone changed the CR and forgot to render: CI fails and says what is stale.
    fs.writeFileSync(path.join(dir, 'backstage.yaml'), fs.readFileSync(path.join(dir, 'backstage.yaml'), 'utf8').replace('    route:\n      enabled: true\n', '    route:\n      enabled: false\n'));
    const stale = run(BIN, args, { cwd: dir, env: {} });
    expect(stale.stdout).toBe(
      [
        '~ ConfigMap rhdh/backstage-appconfig-developer-hub-default-appconfig',
        '    data["default.app-config.yaml"]: (text, changed lines)',
        '      - app:',
        '      -   baseUrl: https://backstage-developer-hub-rhdh.apps.example.com',
        '      - backend:',
        '      -   baseUrl: https://backstage-developer-hub-rhdh.apps.example.com',
        '      -   cors:',
        '      -     origin: https://backstage-developer-hub-rhdh.apps.example.com',
        '- Route rhdh/backstage-developer-hub',
        '',
      ].join('\n'),
    );
    expect(stale.status).toBe(2);
  });

  test('usage errors and render errors exit 1 with nothing on stdout', () => {
    const dir = workspace();
    const none = diff(dir, []);
    expect([none.status, none.stdout, none.stderr]).toEqual([1, '', 'error: diff needs --against DIR|FILE (a directory of earlier output, YAML files, or kubectl get -o yaml output)\n']);
    const missing = diff(dir, ['--against', 'nowhere']);
    expect([missing.status, missing.stdout, missing.stderr]).toEqual([1, '', 'error: --against nowhere: no such file or directory\n']);
    const bad = diff(dir, ['--against', 'backstage.yaml', '--bogus']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    const noSeed = diff(dir, ['--against', 'backstage.yaml'], {});
    expect(noSeed.status).toBe(1);
    expect(noSeed.stdout).toBe('');
    expect(noSeed.stderr).toContain('error: the local database Secret backstage-psql-secret-developer-hub needs a password');
  });
});

describe('normalization', () => {
  const rendered = cliRender([path.join(writeTmp('backstage.yaml', CR)), writeTmp('app-config.yaml', APP_CONFIG)]) as KObject[];

  test('every rendered object equals itself as the API server returns it', () => {
    const cr = { name: 'developer-hub', namespace: 'rhdh', uid: 'cr-uid' };
    const changes = rendered.map((o, i) => [`${o.kind}/${o.metadata.name}`, compareObject(o, asLive(o, i, { cr }) as KObject)]);
    expect(changes.filter(([, c]) => (c as unknown[]).length > 0)).toEqual([]);
  });

  test('a live value that differs from a default the rendered object sets is reported', () => {
    const dep = rendered.find((o) => o.kind === 'Deployment')!;
    const live = asLive(dep, 1, { cr: { name: 'developer-hub', namespace: 'rhdh', uid: 'u' } });
    live.spec.strategy = { type: 'Recreate' };
    live.spec.template.spec.containers[0].resources.limits.cpu = '2';
    expect(formatDiff(diffObjects({ rendered: [dep], against: [live as KObject], crs: [] }))).toBe(
      [
        '~ Deployment rhdh/backstage-developer-hub',
        '    spec.strategy.type: "Recreate" -> "RollingUpdate"',
        '    spec.strategy.rollingUpdate: (absent) -> {"maxSurge":"25%","maxUnavailable":"25%"}',
        '    spec.template.spec.containers[name=backstage-backend].resources.limits.cpu: "2" -> "1000m"',
        '',
      ].join('\n'),
    );
  });

  test('a named list in another order is reported as an order change (names in the live order -> ours), not as changed items', () => {
    const dep = rendered.find((o) => o.kind === 'Deployment')!;
    const withEnv = (names: string[]) => {
      const d = structuredClone(dep) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const backend = d.spec.template.spec.containers.find((c: { name: string }) => c.name === 'backstage-backend');
      backend.env = [...(backend.env ?? []), ...names.map((name) => ({ name, value: 'v' }))];
      return d;
    };
    const live = asLive(withEnv(['B_VAR', 'A_VAR', 'C_VAR']), 1, { cr: { name: 'developer-hub', namespace: 'rhdh', uid: 'u' } });
    expect(formatDiff(diffObjects({ rendered: [withEnv(['A_VAR', 'B_VAR', 'C_VAR'])], against: [live as KObject], crs: [] }))).toBe(
      ['~ Deployment rhdh/backstage-developer-hub', '    spec.template.spec.containers[name=backstage-backend].env: order ["APP_CONFIG_backend_listen_port","B_VAR","A_VAR","C_VAR"] -> ["APP_CONFIG_backend_listen_port","A_VAR","B_VAR","C_VAR"]', ''].join('\n'),
    );
  });

  test('quantities compare by value', () => {
    expect(quantityValue('1000m')).toBe(quantityValue('1'));
    expect(quantityValue('2.5Gi')).toBe(quantityValue('2560Mi'));
    expect(quantityValue('1e3')).toBe(quantityValue('1k'));
  });
});

function writeTmp(name: string, text: string): string {
  const f = path.join(tmpDir('diff-in'), name);
  fs.writeFileSync(f, text);
  return f;
}
