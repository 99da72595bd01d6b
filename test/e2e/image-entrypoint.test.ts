// The container image runs `node /usr/local/lib/backstage-render.js` with nothing else beside it
// (Dockerfile). test/image/ runs the image itself with podman; this runs the same bundle the same
// way without a container engine: copied alone into an empty directory, started from another
// working directory, a ResourceList on stdin.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlDocuments, stringifyYaml } from '../../fn/yaml';
import { BIN, REPO_ROOT, run, tmpDir } from '../helpers';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'backstage-render.js');

test('the bundle alone, as the image entrypoint: same ResourceList out as bin/backstage-render', () => {
  const image = tmpDir('image');
  fs.mkdirSync(path.join(image, 'usr', 'local', 'lib'), { recursive: true });
  const entry = path.join(image, 'usr', 'local', 'lib', 'backstage-render.js');
  fs.copyFileSync(BUNDLE, entry);
  const workdir = tmpDir('image-cwd');
  const items = parseYamlDocuments(fs.readFileSync(path.join(REPO_ROOT, 'fixtures', 'orchestrator-flavour', 'input.yaml'), 'utf8'));
  const input = stringifyYaml({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items,
    functionConfig: { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'r' }, spec: { platform: 'kubernetes' } },
  });
  const env = { BACKSTAGE_RENDER_SECRET_SEED: 'image-seed-0123456789abcdef' };
  const viaImage = run(process.execPath, [entry], { cwd: workdir, input, env });
  const viaBin = run(BIN, [], { cwd: REPO_ROOT, input, env });
  expect(viaImage.stderr).toBe(viaBin.stderr);
  expect(viaImage.status).toBe(0);
  expect(viaImage.stdout).toBe(viaBin.stdout);
  const rl = parseYamlDocuments(viaImage.stdout)[0] as { items: Array<{ kind: string }> };
  expect(rl.items.map((i) => i.kind)).toContain('SonataFlowPlatform');
  // --help as `kpt fn doc` calls it on the image.
  const help = run(process.execPath, [entry, '--help'], { cwd: workdir });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: backstage-render/);
});
