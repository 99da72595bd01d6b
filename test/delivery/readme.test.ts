// The README's delivery snippets are the files that the tests run (kustomize recipes are run
// directly in kustomize.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';
import { docs, readYaml } from './support';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The yaml block whose first line is `# <marker>`. */
function block(marker: string, text = README): string {
  const m = new RegExp('```yaml\\n# ' + marker.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + '[^\\n]*\\n([\\s\\S]*?)```').exec(text);
  if (!m) throw new Error(`no yaml block starting with # ${marker}`);
  return m[1];
}

describe('README delivery snippets', () => {
  test('the Argo CD Application (in the function reference) is examples/argocd/application.yaml', () => {
    expect(docs(block('examples/argocd/application.yaml', fs.readFileSync(path.join(REPO_ROOT, 'docs', 'function-reference.md'), 'utf8')))).toEqual([readYaml(path.join(REPO_ROOT, 'examples', 'argocd', 'application.yaml'))]);
  });

  test('the Argo CD install kustomization is examples/argocd/argocd-install, with the component path left to the reader', () => {
    const readme = docs(block('the kustomization that installs Argo CD'))[0];
    const example = readYaml(path.join(REPO_ROOT, 'examples', 'argocd', 'argocd-install', 'kustomization.yaml'));
    expect({ ...readme, components: ['../../../delivery/argocd'] }).toEqual(example);
  });

  test('the Flux Kustomization is examples/flux/flux-kustomization.yaml and points at a rendered directory of this repository', () => {
    const flux = docs(block('examples/flux/flux-kustomization.yaml'))[0];
    expect(flux).toEqual(readYaml(path.join(REPO_ROOT, 'examples', 'flux', 'flux-kustomization.yaml')));
    expect(fs.existsSync(path.join(REPO_ROOT, flux.spec.path, 'rhdh', 'developer-hub'))).toBe(true);
  });
});

describe('README and docs/ (issue 13: a README a reader finishes, the rest in docs/)', () => {
  const DOCS = path.join(REPO_ROOT, 'docs');
  const markdown = (f: string) => fs.readFileSync(f, 'utf8');
  const files = () => [path.join(REPO_ROOT, 'README.md'), ...fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => path.join(DOCS, f))];

  test('the README has at most about 300 lines and the sections a reader looks for', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(300);
    const headings = README.split('\n').filter((l) => l.startsWith('## '));
    for (const h of ['## Install', '## Quick start', '## Use it with kpt', '## Use it with kustomize', '## Options', '## Exit codes', '## Documentation']) expect(headings).toContain(h);
  });

  test('every relative link of the README and docs/ leads to a file, and every #anchor to a heading there', () => {
    const slug = (h: string) => h.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
    const broken: string[] = [];
    for (const f of files()) {
      for (const m of markdown(f).matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1];
        if (/^[a-z]+:/.test(link)) continue;
        const [file, anchor] = link.split('#');
        const target = file === '' ? f : path.resolve(path.dirname(f), file);
        if (!fs.existsSync(target)) {
          broken.push(`${path.relative(REPO_ROOT, f)}: ${link}`);
          continue;
        }
        if (anchor && target.endsWith('.md')) {
          const slugs = markdown(target).split('\n').filter((l) => /^#+ /.test(l)).map((l) => slug(l.replace(/^#+ /, '')));
          if (!slugs.includes(anchor)) broken.push(`${path.relative(REPO_ROOT, f)}: ${link}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('docs/function-reference.md repeats the README\'s recipes and snippets exactly (the README\'s are the tested ones)', () => {
    // Blocks by their first line (`# kustomization.yaml` heads several): each README block the
    // reference also has under that first line is there word for word.
    const blocks = (t: string) => [...t.matchAll(/```yaml\n(# [^\n]*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]] as const);
    const reference = blocks(markdown(path.join(DOCS, 'function-reference.md')));
    const shared = blocks(README).filter(([head]) => reference.some(([h]) => h === head));
    expect(shared.length).toBeGreaterThanOrEqual(5);
    for (const [head, body] of shared) expect([head, reference.filter(([h]) => h === head).map(([, b]) => b)]).toEqual([head, expect.arrayContaining([body])]);
  });
});

test.each(['README.md', 'docs/function-reference.md'])('the options table of %s is the one options table (fn/options.ts; UPDATE_DOCS=1 rewrites it)', (file) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { optionsTableMarkdown } = require('../../cli/help');
  const table: string = optionsTableMarkdown();
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const start = text.indexOf('| functionConfig key | CLI flag | default | meaning |');
  const end = text.indexOf('\n\n', start);
  if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(path.join(REPO_ROOT, file), text.slice(0, start) + table + text.slice(end));
  expect(text.slice(start, end)).toBe(table);
});
