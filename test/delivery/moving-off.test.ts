// "Moving off a running operator without downtime" (docs/moving-off-the-operator.md), played end to end: the operator's
// objects as `kubectl get -o yaml` shows them (made from our output by adding what a real API
// server adds: test/delivery/cluster-export.ts) with the operator's own random DB password; the
// live DB Secret fed back; `backstage-render diff` against the export reports nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringifyYaml } from '../../fn/yaml';
import { BIN, run, tmpDir } from '../helpers';
import { clusterExport } from './cluster-export';
import { APP_CONFIG, CR, SEED_ENV, cliRender, docs, writeFiles, type Obj } from './support';

const OPERATOR_PASSWORD = 'Op3ratorRandomPassw0rd+xyzABCDEF';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A cluster where the operator reconciled the CR: its objects, a ReplicaSet and a Pod of the Deployment. */
function cluster(dir: string, operatorVersion?: string): { live: Obj; liveSecret: Obj } {
  // What the operator (of that line) created equals our output for the CR as that line (that is
  // the product's promise), but its DB password was drawn at random.
  const objects = cliRender([path.join(dir, 'backstage.yaml'), path.join(dir, 'app-config.yaml')], operatorVersion ? ['--operator-version', operatorVersion] : [], {
    BACKSTAGE_RENDER_SECRET_SEED: 'not-what-the-operator-used-0123456789',
  });
  const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'backstage-psql-secret-developer-hub')!;
  secret.stringData.POSTGRES_PASSWORD = OPERATOR_PASSWORD;
  secret.stringData.POSTGRESQL_ADMIN_PASSWORD = OPERATOR_PASSWORD;
  const live = clusterExport(objects, { cr: { name: 'developer-hub', namespace: 'rhdh', uid: '7d0c9d1e-0000-4000-8000-00000000c0de' } });
  const dep = live.items.find((o: Obj) => o.kind === 'Deployment');
  // `kubectl get all` brings the Deployment's children along; they are not ours to delete.
  const owned = (kind: string, name: string, owner: Obj) => ({
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    metadata: {
      name,
      namespace: 'rhdh',
      uid: `uid-${name}`,
      resourceVersion: '1',
      labels: { 'rhdh.redhat.com/app': 'backstage-developer-hub', 'app.kubernetes.io/instance': 'developer-hub' },
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true }],
    },
  });
  const rs = owned('ReplicaSet', 'backstage-developer-hub-6d4b9c7f8', dep);
  live.items.push(rs, owned('Pod', 'backstage-developer-hub-6d4b9c7f8-abcde', rs));
  const liveSecret = structuredClone(live.items.find((o: Obj) => o.kind === 'Secret' && o.metadata.name === 'backstage-psql-secret-developer-hub'));
  return { live, liveSecret };
}

function setup(operatorVersion?: string) {
  const dir = tmpDir('moving-off');
  writeFiles(dir, { 'backstage.yaml': CR, 'app-config.yaml': APP_CONFIG });
  const { live, liveSecret } = cluster(dir, operatorVersion);
  expect(liveSecret.data.POSTGRES_PASSWORD).toBe(b64(OPERATOR_PASSWORD));
  expect(liveSecret.metadata.ownerReferences[0].kind).toBe('Backstage');
  fs.writeFileSync(path.join(dir, 'live.yaml'), stringifyYaml(live));
  fs.writeFileSync(path.join(dir, 'db-secret.yaml'), stringifyYaml(liveSecret));
  return dir;
}

describe('moving off a running operator', () => {
  test('with the live DB Secret fed back, diff against the export reports nothing (no seed needed)', () => {
    const dir = setup();
    const r = run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', 'db-secret.yaml', '--against', 'live.yaml'], { cwd: dir, env: {} });
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error') || l.startsWith('warning'))).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  test('the rendered Secret keeps the live password (what gets applied replaces nothing)', () => {
    const dir = setup();
    const out = cliRender([path.join(dir, 'backstage.yaml'), path.join(dir, 'app-config.yaml'), path.join(dir, 'db-secret.yaml')], [], {});
    const secret = out.find((o) => o.kind === 'Secret' && o.metadata.name === 'backstage-psql-secret-developer-hub')!;
    const live = docs(fs.readFileSync(path.join(dir, 'db-secret.yaml'), 'utf8'))[0];
    expect(secret.data).toEqual(live.data);
    expect(secret.stringData).toBeUndefined();
  });

  test('without it, diff shows the password would change, masked, and exits 2', () => {
    const dir = setup();
    const r = run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', '--against', 'live.yaml'], { cwd: dir, env: SEED_ENV });
    expect(r.stdout).toBe(
      [
        '~ Secret rhdh/backstage-psql-secret-developer-hub',
        '    data.POSTGRESQL_ADMIN_PASSWORD: (secret value) -> (other secret value)',
        '    data.POSTGRES_PASSWORD: (secret value) -> (other secret value)',
        '',
      ].join('\n'),
    );
    expect(r.stdout + r.stderr).not.toContain(OPERATOR_PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(b64(OPERATOR_PASSWORD));
    expect(r.status).toBe(2);
  });

  test('with omitDbSecret (the Secret stays in the cluster, out of git): nothing to change, nothing to delete', () => {
    const dir = setup();
    const r = run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', '--omit-db-secret', '--against', 'live.yaml'], { cwd: dir, env: {} });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  test('an object the operator created that the render no longer produces would be deleted', () => {
    const dir = setup();
    const live = docs(fs.readFileSync(path.join(dir, 'live.yaml'), 'utf8'))[0];
    const cm = structuredClone(live.items.find((o: Obj) => o.kind === 'ConfigMap'));
    cm.metadata.name = 'backstage-appconfig-developer-hub-retired';
    live.items.push(cm);
    fs.writeFileSync(path.join(dir, 'live.yaml'), stringifyYaml(live));
    const r = run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', 'db-secret.yaml', '--against', 'live.yaml'], { cwd: dir, env: {} });
    expect(r.stdout).toBe('- ConfigMap rhdh/backstage-appconfig-developer-hub-retired\n');
    expect(r.status).toBe(2);
  });
});

// Each line's operator leaves its own objects behind: a user moving off 1.9 renders with
// --operator-version 1.9 (or a profile made from their install manifest) and gets nothing to change;
// rendering as another line would rename or change what runs.
describe.each(['1.9', '1.10', 'main'])('moving off a running operator %s', (operatorVersion) => {
  test('the export made by that line: diff with --operator-version of that line reports nothing', () => {
    const dir = setup(operatorVersion);
    const r = run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', 'db-secret.yaml', '--operator-version', operatorVersion, '--against', 'live.yaml'], { cwd: dir, env: {} });
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error') || l.startsWith('warning'))).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  test('rendered as another line, the same export shows differences (exit 2)', () => {
    const dir = setup(operatorVersion);
    const other = operatorVersion === '1.10' ? 'main' : '1.10';
    const r = run(BIN, ['diff', 'backstage.yaml', 'app-config.yaml', 'db-secret.yaml', '--operator-version', other, '--against', 'live.yaml'], { cwd: dir, env: {} });
    expect(r.status).toBe(2);
    if (operatorVersion === '1.9') expect(r.stdout.split('\n')).toContain('- ConfigMap rhdh/backstage-appconfig-developer-hub');
  });
});
