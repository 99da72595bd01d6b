// The published coordinates are kept in one place, package.json: the image users pull
// (config.image, config.argocdImage, tagged with the version), the source URL (repository) and
// the maintainers' address (author). Every file that names them is checked against it here, and
// nothing else names an image of ours. Examples pin nothing a reader could copy unchecked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';
import { PACKAGE } from '../install/package';
import { readYaml } from './support';

const read = (f: string) => fs.readFileSync(path.join(REPO_ROOT, f), 'utf8');
const SOURCE = PACKAGE.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const EMAIL = /<([^>]+)>/.exec(PACKAGE.author)![1];
const IMAGE = `${PACKAGE.config.image}:${PACKAGE.version}`;
const SIDECAR = `${PACKAGE.config.argocdImage}:${PACKAGE.version}`;

/** Text files of the repository a reader sees: docs, examples, delivery files, Dockerfiles, Kptfiles. */
function readerFiles(): string[] {
  const out: string[] = ['README.md', 'Dockerfile', 'Kptfile'];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  for (const d of ['docs', 'examples', 'delivery', 'example']) walk(d);
  return out;
}

describe('published coordinates (package.json)', () => {
  test('package.json has them', () => {
    expect(SOURCE).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
    expect(EMAIL).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(PACKAGE.config.image).toMatch(/^[a-z0-9.-]+\/[a-z0-9/._-]+$/);
    expect(PACKAGE.config.argocdImage).toMatch(/^[a-z0-9.-]+\/[a-z0-9/._-]+$/);
  });

  test('delivery/kpt/metadata.yaml: image, sourceURL, example packages, emails, license', () => {
    const meta = readYaml(path.join(REPO_ROOT, 'delivery', 'kpt', 'metadata.yaml'));
    expect(meta.image).toBe(PACKAGE.config.image);
    expect(meta.sourceURL).toBe(`${SOURCE}/tree/main`);
    expect(meta.examplePackageURLs).toEqual([`${SOURCE}/tree/main/examples/kpt`]);
    expect(meta.emails).toEqual([EMAIL]);
    expect(meta.license).toBe(PACKAGE.license);
  });

  test('the Argo CD sidecar: the patch runs the sidecar image; its Dockerfile builds on the function image', () => {
    const patch = readYaml(path.join(REPO_ROOT, 'delivery', 'argocd', 'repo-server-patch.yaml'));
    expect(patch.spec.template.spec.containers[0].image).toBe(SIDECAR);
    expect(read('delivery/argocd/Dockerfile')).toContain(`\nARG FUNCTION_IMAGE=${IMAGE}\n`);
  });

  test('the image labels its source', () => {
    expect(read('Dockerfile')).toContain(`org.opencontainers.image.source="${SOURCE}"`);
    expect(read('Dockerfile')).toContain(`org.opencontainers.image.licenses="${PACKAGE.license}"`);
  });

  test('docs/container.md builds both images under those names and says they are not published yet', () => {
    const doc = read('docs/container.md');
    expect(doc).toContain(`podman build -t ${IMAGE} .\n`);
    expect(doc).toContain(`podman build -t ${SIDECAR} delivery/argocd\n`);
    expect(doc).toContain('**Not published yet.**');
  });

  test('no other image of ours is named anywhere a reader looks', () => {
    const owner = PACKAGE.config.image.split('/').slice(0, -1).join('/');
    const found = new Set<string>();
    for (const f of readerFiles()) for (const m of read(f).matchAll(new RegExp(`${owner.replace(/\./g, '\\.')}/[a-z0-9._/-]+(:[\\w.-]+)?`, 'g'))) found.add(m[0]);
    expect([...found].sort()).toEqual([PACKAGE.config.argocdImage, SIDECAR, PACKAGE.config.image, IMAGE].filter((x) => found.has(x)).sort());
    expect(found.has(IMAGE)).toBe(true);
  });

  test('examples pin no digest a reader could copy (the expected outputs show what the profiles carry)', () => {
    const pinned = readerFiles().filter((f) => f.startsWith('examples/') && !f.endsWith('expected.yaml') && !f.includes('/rendered/') && /sha256:[0-9a-f]{64}/.test(read(f)));
    expect(pinned).toEqual([]);
    expect(readerFiles().filter((f) => read(f).includes('0d1ad0b1ad'))).toEqual([]);
  });
});
