// The README's delivery snippets are the files that the tests run (kustomize recipes are run
// directly in kustomize.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';
import { docs, readYaml } from './support';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The yaml block whose first line is `# <marker>`. */
function block(marker: string): string {
  const m = new RegExp('```yaml\\n# ' + marker.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + '[^\\n]*\\n([\\s\\S]*?)```').exec(README);
  if (!m) throw new Error(`README has no yaml block starting with # ${marker}`);
  return m[1];
}

describe('README delivery snippets', () => {
  test('the Argo CD Application is examples/argocd/application.yaml', () => {
    expect(docs(block('examples/argocd/application.yaml'))).toEqual([readYaml(path.join(REPO_ROOT, 'examples', 'argocd', 'application.yaml'))]);
  });

  test('the Argo CD install kustomization is examples/argocd/argocd-install, with the component path left to the reader', () => {
    const readme = docs(block('the kustomization that installs Argo CD'))[0];
    const example = readYaml(path.join(REPO_ROOT, 'examples', 'argocd', 'argocd-install', 'kustomization.yaml'));
    expect({ ...readme, components: ['../../../delivery/argocd'] }).toEqual(example);
  });

  test('the Flux Kustomization points at a rendered directory of this repository', () => {
    const flux = docs(/```yaml\n(apiVersion: kustomize\.toolkit\.fluxcd\.io\/v1\n[\s\S]*?)```/.exec(README)![1])[0];
    expect(fs.existsSync(path.join(REPO_ROOT, flux.spec.path, 'rhdh', 'developer-hub'))).toBe(true);
  });
});
