// The Dockerfiles, linted with dockerfile-utils (test/image/ builds and runs them with podman), and
// the Argo CD sidecar image's wrapper checked against where the function image puts the bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, run, tmpDir } from '../helpers';

const LINT = path.join(REPO_ROOT, 'node_modules', '.bin', 'dockerfile-utils');

describe('Dockerfiles', () => {
  test.each(['Dockerfile', 'delivery/argocd/Dockerfile'])('%s lints clean', (file) => {
    const r = run(LINT, ['lint', path.join(REPO_ROOT, file)]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  test('the linter does report problems (it is not a no-op)', () => {
    const bad = path.join(tmpDir('lint'), 'Dockerfile');
    fs.writeFileSync(bad, 'FROM node:20\nEXPOSE port\n');
    const r = run(LINT, ['lint', bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Invalid containerPort: port');
  });

  test('the sidecar wrapper runs the bundle where the function image puts it', () => {
    const root = fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const bundle = /COPY --from=build \/src\/dist\/backstage-render\.js (\S+)/.exec(root)![1];
    const sidecar = fs.readFileSync(path.join(REPO_ROOT, 'delivery', 'argocd', 'Dockerfile'), 'utf8');
    const printf = /RUN (printf '[^']*') > \/usr\/local\/bin\/backstage-render/.exec(sidecar)![1];
    const out = path.join(tmpDir('wrapper'), 'backstage-render');
    expect(run('sh', ['-c', `${printf} > ${out}`]).status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(`#!/bin/sh\nexec node ${bundle} "$@"\n`);
    // plugin.yaml runs `backstage-render` from the PATH; the sidecar runs as Argo CD's user.
    expect(sidecar).toMatch(/\nUSER 999\n/);
  });

  test('.dockerignore sends only what the Dockerfile copies (no node_modules, dist, .git or tests)', () => {
    const ignore = fs.readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const copied = [...fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8').matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    expect(ignore.slice(1).sort()).toEqual(copied.map((c) => `!${c}`).sort());
  });
});
