// Items we do not generate leave as they came (issue 10, item 1): the real kpt runs our function
// and a function that returns its input unchanged (passthrough/identity-function.sh) on copies of
// one package (passthrough/package: keys and values YAML 1.1 and 1.2 read differently, tags,
// comments, quoting); every file must come out byte for byte the same, but for the CR's
// local-config annotation and the rendered/ files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, copyDir, readTree, run, tmpDir } from '../helpers';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'passthrough-seed' };
const HERE = path.join(__dirname, 'passthrough');
const IDENTITY = path.join(HERE, 'identity-function.sh');
const LOCAL_CONFIG_LINES = '  annotations:\n    config.kubernetes.io/local-config: "true"\n';

/** A copy of the package; with `exec`, a Kptfile whose pipeline runs it. */
function packageCopy(exec?: string): string {
  const dir = tmpDir('passthrough');
  copyDir(path.join(HERE, 'package'), dir);
  if (exec) {
    fs.writeFileSync(
      path.join(dir, 'Kptfile'),
      `apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: passthrough\n  annotations:\n    config.kubernetes.io/local-config: "true"\npipeline:\n  mutators:\n    - exec: ${exec}\n`,
    );
  }
  return dir;
}

/** The files of a package, without rendered/ (ours alone) and with the CR's annotation lines taken out. */
function userFiles(dir: string): Record<string, string> {
  const tree = readTree(dir);
  const out: Record<string, string> = {};
  // The Kptfiles differ only in the function they run.
  for (const [f, text] of Object.entries(tree)) if (!f.startsWith('rendered/')) out[f] = f === 'Kptfile' ? text.replace(/exec: .*/, 'exec: <the function>') : text;
  return out;
}

function expectSameButTheMark(identity: string, ours: string): void {
  const a = userFiles(identity);
  const b = userFiles(ours);
  expect(Object.keys(b)).toEqual(Object.keys(a));
  // The CR gains exactly the local-config lines, at the end of its metadata.
  expect(b['backstage.yaml']).toBe(a['backstage.yaml'].replace('    on: "yes"\n', `    on: "yes"\n${LOCAL_CONFIG_LINES}`));
  for (const f of Object.keys(a).filter((f) => f !== 'backstage.yaml')) expect({ file: f, text: b[f] }).toEqual({ file: f, text: a[f] });
  expect(Object.keys(readTree(ours)).filter((f) => f.startsWith('rendered/')).length).toBeGreaterThan(5);
}

describe('pass-through items are written back as they came, as kpt writes them with an identity function', () => {
  test('kpt fn eval --exec', () => {
    const identity = packageCopy();
    const ours = packageCopy();
    const i = run('kpt', ['fn', 'eval', identity, '--exec', IDENTITY]);
    expect(i.status).toBe(0);
    // dbSecret external-secrets: no plaintext password written into the package, so no warning either.
    const o = run('kpt', ['fn', 'eval', ours, '--exec', BIN, '--', 'dbSecret=external-secrets'], { env: SEED });
    expect(o.stderr).not.toMatch(/\[(error|warning)\]/);
    expect(o.status).toBe(0);
    // The identity function changes nothing kpt reads: the files are as the user wrote them, in kpt's layout.
    expect(userFiles(identity)['configmap.yaml']).toContain('  on: "a"\n  0755: b\n  2024-01-01: c\n  y: d\n');
    expectSameButTheMark(identity, ours);
  });

  test('kpt fn render (Kptfile pipeline), twice', () => {
    const identity = packageCopy(IDENTITY);
    const ours = packageCopy(BIN);
    expect(run('kpt', ['fn', 'render', '--allow-exec', identity]).status).toBe(0);
    const first = run('kpt', ['fn', 'render', '--allow-exec', ours], { env: SEED });
    expect(first.stderr).toContain('Successfully executed 1 function(s)');
    expectSameButTheMark(identity, ours);
    const before = readTree(ours);
    expect(run('kpt', ['fn', 'render', '--allow-exec', ours], { env: SEED }).status).toBe(0);
    expect(readTree(ours)).toEqual(before);
  });
});
