// Paths that come from the input (a function config, a `--config` file, the Argo CD plugin's
// render.yaml) name files of the input: they resolve, after symbolic links, inside the directory
// the function runs in (the package, the kustomization, the application path), as `inputs` must.
// Absolute and outside paths are the runner's alone (a CLI flag or the environment). The error is
// the same whether or not such a path exists, so the input cannot probe the machine.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real path of an absolute p: each component's symbolic link followed, dangling ones too; a missing rest appended. */
function realPathOf(p: string): string {
  let parts = p.split(path.sep).filter((c) => c !== '');
  let cur: string = path.sep;
  for (let i = 0, links = 0; i < parts.length; i++) {
    const next = path.join(cur, parts[i]);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(next);
    } catch {
      return path.join(next, parts.slice(i + 1).join(path.sep));
    }
    if (!st.isSymbolicLink()) {
      cur = next;
      continue;
    }
    if (++links > 40) return next; // a loop: judged by where it is
    const target = fs.readlinkSync(next);
    const resolved = path.resolve(cur, target);
    // A new array, not splice(..., ...components): no list of arguments as long as the path.
    parts = resolved.split(path.sep).filter((c) => c !== '').concat(parts.slice(i + 1));
    cur = path.sep;
    i = -1;
  }
  return cur;
}

/** Whether `p` (relative to root) stays inside root, as written and after symbolic links. */
export function staysInside(p: string, root: string): boolean {
  if (path.isAbsolute(p)) return false;
  const abs = path.resolve(root, p);
  const rel = path.relative(path.resolve(root), abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return false;
  const real = path.relative(realPathOf(path.resolve(root)), realPathOf(abs));
  return !(real === '..' || real.startsWith(`..${path.sep}`) || path.isAbsolute(real));
}

/** The message for a path from the input that leaves it (or might: the same words either way). */
export function outsideInputMessage(option: string, p: string, root: string, runnerWays: string): string {
  return `${option} "${p}" comes from the input, so it must be a relative path that stays inside the directory the function runs in (${root}), symbolic links included; ${runnerWays}`;
}
