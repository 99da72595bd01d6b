// The render hands each item on as soon as it is final (fn/render.ts renderBackstageTo), in an
// order that does not depend on the input's: items passed on, plugin infrastructure, then CR by CR
// (the CR, then its objects). The KRM door writes them as they come (ResourceListWriter).
import { runKrmFunction } from '../../cli/krm';
import { readResourceList, ResourceListWriter, writeResourceList } from '../../fn/kio/resourcelist';
import type { KObject } from '../../fn/kio/types';
import { withDefaults } from '../../fn/options';
import { renderBackstage, renderBackstageTo } from '../../fn/render';
import { resolveProfile } from '../../cli/profile-loader';

const loadEmbeddedProfile = () => resolveProfile('rhdh', process.cwd(), undefined);
import { parseYamlDocuments } from '../../fn/yaml';

const SEED = { BACKSTAGE_RENDER_SECRET_SEED: 'streamed-render-0123456789abcdef' };
const cr = (ns: string, name: string, spec = '{}') => `- apiVersion: rhdh.redhat.com/v1alpha5\n  kind: Backstage\n  metadata:\n    name: ${name}\n    namespace: ${ns}\n  spec: ${spec}\n`;
const cm = (ns: string, name: string) => `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ${name}\n    namespace: ${ns}\n  data:\n    k: v\n`;
const list = (items: string[]) => `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.join('')}`;
const label = (o: KObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

describe('renderBackstageTo', () => {
  const items = [cr('team-b', 'hub'), cm('team-b', 'mine'), cr('team-a', 'hub'), cm('team-a', 'other')];

  test('the order: items passed on (sorted), then each CR by namespace/name followed by its objects (sorted); the same for any input order', () => {
    const order = (texts: string[]) => {
      const seen: string[] = [];
      const out = renderBackstageTo({ items: readResourceList(list(texts)).items, options: withDefaults({ secretSeed: SEED.BACKSTAGE_RENDER_SECRET_SEED }), profile: loadEmbeddedProfile() }, (o) => seen.push(label(o)));
      expect(out.results.filter((r) => r.severity === 'error')).toEqual([]);
      return seen;
    };
    const perCr = (ns: string) => [
      `Backstage ${ns}/hub`,
      `Secret ${ns}/backstage-files-hub-dynamic-plugins-npmrc`,
      `Secret ${ns}/backstage-psql-secret-hub`,
      `ConfigMap ${ns}/backstage-appconfig-hub-default-appconfig`,
      `ConfigMap ${ns}/backstage-dynamic-plugins-hub`,
      `ConfigMap ${ns}/backstage-files-hub-lightspeed-stack-config`,
      `ConfigMap ${ns}/backstage-files-hub-llama-stack-config`,
      `ConfigMap ${ns}/backstage-files-hub-rhdh-profile`,
      `Service ${ns}/backstage-hub`,
      `Service ${ns}/backstage-psql-hub`,
      `Deployment ${ns}/backstage-hub`,
      `StatefulSet ${ns}/backstage-psql-hub`,
      `Route ${ns}/backstage-hub`,
    ];
    const got = order(items);
    expect(got).toEqual(['ConfigMap team-a/other', 'ConfigMap team-b/mine', ...perCr('team-a'), ...perCr('team-b')]);
    expect(order([items[3], items[1], items[0], items[2]])).toEqual(got);
  });

  test("each CR's items are handed on before the next CR is read: an error in the second CR leaves the first one's output, the rest as it came", () => {
    const texts = [cr('team-a', 'hub'), cr('team-b', 'hub', '{flavours: [{name: no-such-flavour}]}'), cr('team-c', 'hub'), cm('team-a', 'other')];
    const input = readResourceList(list(texts)).items;
    const seen: string[] = [];
    const out = renderBackstageTo({ items: input, options: withDefaults({ secretSeed: SEED.BACKSTAGE_RENDER_SECRET_SEED }), profile: loadEmbeddedProfile() }, (o) =>
      seen.push(`${label(o)}${o.metadata.annotations?.['config.kubernetes.io/local-config'] ? ' (local-config)' : ''}`),
    );
    expect(out.results.filter((r) => r.severity === 'error').map((r) => r.resourceRef?.namespace)).toEqual(['team-b']);
    expect(seen[0]).toBe('ConfigMap team-a/other');
    expect(seen[1]).toBe('Backstage team-a/hub (local-config)');
    expect(seen.filter((l) => l.includes('team-a/')).length).toBeGreaterThan(5);
    expect(seen.slice(-2)).toEqual(['Backstage team-b/hub', 'Backstage team-c/hub']);
    // renderBackstage, which collects, still answers with the items as they came and nothing rendered.
    const collected = renderBackstage({ items: input, options: withDefaults({ secretSeed: SEED.BACKSTAGE_RENDER_SECRET_SEED }), profile: loadEmbeddedProfile() });
    expect(collected.generated).toEqual([]);
    expect(collected.items.map(label).sort()).toEqual(input.map(label).sort());
  });
});

describe('ResourceListWriter', () => {
  test.each([
    ['no items, no results', [], [], undefined],
    ['items read with their source text, and results', list([cm('a', 'b'), '- {apiVersion: v1, kind: Secret, metadata: {name: s}}\n']), [{ severity: 'warning' as const, message: 'm' }], undefined],
    ['an item and a functionConfig that are not plain data (a YAML 1.1 timestamp)', list(['- apiVersion: v1\n  kind: X\n  metadata: {name: d}\n  when: 2001-12-14\n']) + 'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: fc}\n  data: {at: 2001-12-14}\n', [{ severity: 'error' as const, message: 'e' }], 'fc'],
  ])('%s: the bytes of writeResourceList, in parts', (_name, text, results, fc) => {
    const rl = text === list([]) || Array.isArray(text) ? { items: [] as KObject[], functionConfig: undefined } : readResourceList(text as string);
    const parts: string[] = [];
    const writer = new ResourceListWriter((p) => parts.push(p));
    for (const o of rl.items) writer.item(o);
    writer.end(results, fc ? rl.functionConfig : undefined);
    expect(parts.join('')).toBe(writeResourceList(rl.items, results, fc ? rl.functionConfig : undefined));
    expect(parts.length).toBe(rl.items.length === 0 ? 1 : rl.items.length + 2);
  });
});

describe('the KRM door writes as it renders', () => {
  test('each part goes to the writer as it is made: the first CR is written before the render ends; the same bytes as collected', () => {
    const input = list([cr('team-b', 'hub'), cr('team-a', 'hub')]);
    const written: Array<{ part: string; crsWrittenBefore: number }> = [];
    let crs = 0;
    const streamed = runKrmFunction(input, SEED, process.cwd(), (part) => {
      written.push({ part, crsWrittenBefore: crs });
      if (/^ {2}- apiVersion: rhdh.redhat.com\/v1alpha5\n/.test(part)) crs++;
    });
    const collected = runKrmFunction(input, SEED, process.cwd());
    expect(streamed.stdout).toEqual([]);
    expect(written.map((w) => w.part).join('')).toBe(collected.stdout.join(''));
    expect({ exit: streamed.exitCode, stderr: streamed.stderr }).toEqual({ exit: collected.exitCode, stderr: collected.stderr });
    const out = parseYamlDocuments(collected.stdout.join(''))[0] as { items: KObject[] };
    expect(out.items[0]).toMatchObject({ kind: 'Backstage', metadata: { namespace: 'team-a' } });
    expect(out.items.findIndex((o) => o.kind === 'Backstage' && o.metadata.namespace === 'team-b')).toBeGreaterThan(5);
  });
});
