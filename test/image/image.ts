// The container image as the tests build it: scripts/setup-podman.sh (podman and runc, a
// containers.conf), stand-in base images (test/image/standin-base.sh: nothing can be pulled here),
// then the Dockerfile as committed, with the stand-ins as its BUILD_IMAGE/RUNTIME_IMAGE and the
// name and tag users are told to build (package.json config.image, version). podman's layer cache
// makes the build after the first one a few seconds.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, tmpDir } from '../helpers';
import { REQUIRE_ALL } from '../operator-data';
import { PACKAGE } from '../install/package';

export const FUNCTION_IMAGE = `${PACKAGE.config.image}:${PACKAGE.version}`;
export const SIDECAR_IMAGE = `${PACKAGE.config.argocdImage}:${PACKAGE.version}`;
export const CONTAINERS_CONF = path.join(REPO_ROOT, 'build', 'podman', 'containers.conf');

function sh(cmd: string, args: string[], timeout = 900000): string {
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CONTAINERS_CONF }, timeout, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return r.stdout;
}

/** Whether podman can run here; why not, when it cannot. */
export function podmanProblem(): string | undefined {
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'setup-podman.sh')], { encoding: 'utf8', timeout: 600000 });
  if (r.error) return r.error.message;
  return r.status === 0 ? undefined : `scripts/setup-podman.sh failed:\n${(r.stdout + r.stderr).slice(-2000)}`;
}

/** `describe`, or (outside CI only) a skipped describe saying why: in CI (CI=true) podman must work. */
export function describeWithPodman(name: string, fn: () => void): void {
  const problem = process.env.CI || REQUIRE_ALL ? undefined : podmanProblem(); // .ci/run sets BACKSTAGE_RENDER_REQUIRE_ALL=1
  if (!problem) describe(name, fn);
  else {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": podman cannot run here (${problem}); CI runs these`);
    describe.skip(`${name} (skipped: podman cannot run here)`, fn);
  }
}

let built = false;

/** Builds the function image and the Argo CD sidecar image from the committed Dockerfiles. */
export function buildImages(): void {
  if (built) return;
  const problem = podmanProblem();
  if (problem) throw new Error(problem);
  const standin = sh('bash', [path.join(REPO_ROOT, 'test', 'image', 'standin-base.sh')]).trim().split('\n').pop()!;
  const bases = ['--build-arg', `BUILD_IMAGE=${standin}`, '--build-arg', `RUNTIME_IMAGE=${standin}`];
  sh('podman', ['build', '-q', '--network', 'host', ...bases, '-t', FUNCTION_IMAGE, '.']);
  // The sidecar Dockerfile's default FUNCTION_IMAGE is the image just built.
  sh('podman', ['build', '-q', '--network', 'host', '-t', SIDECAR_IMAGE, 'delivery/argocd']);
  built = true;
}

/** A directory to put first on PATH holding `docker`, a shim to podman (standalone kustomize calls docker). */
export function dockerShim(): string {
  const dir = tmpDir('docker-shim');
  fs.writeFileSync(path.join(dir, 'docker'), `#!/bin/sh\nCONTAINERS_CONF='${CONTAINERS_CONF}' exec podman "$@"\n`, { mode: 0o755 });
  return dir;
}

export const podmanEnv = (): NodeJS.ProcessEnv => ({ CONTAINERS_CONF, KPT_FN_RUNTIME: 'podman' });
