// The operator's typed structs drop fields they do not have: we drop them too, and say so.
import { build, errorsOf } from './helpers';
import { containerOf, crOf, testProfile } from './fixtures';
import { pruneUnknownFields, typeOfKind, unknownFields } from '../../fn/model/typed-fields';

const noDb = { database: { enableLocalDb: false } };

describe('fields the operator drops (typed Go structs)', () => {
  test('unknownFields: down to containers, env, mounts and volumes; $ directives skipped', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', label: {} },
      spec: {
        replica: 2,
        template: {
          spec: {
            containers: [{ name: 'a', volumeMount: [], env: [{ name: 'E', valu: '1' }], $patch: 'merge' }],
            volumes: [{ name: 'v', emptydir: {} }],
          },
        },
      },
    };
    expect(unknownFields(d, 'Deployment')).toEqual([
      'metadata.label',
      'spec.replica',
      'spec.template.spec.containers[0].volumeMount',
      'spec.template.spec.containers[0].env[0].valu',
      'spec.template.spec.volumes[0].emptydir',
    ]);
  });

  test('a typo in spec.deployment.patch: a warning on the field, and the field is not in the output', () => {
    const cr = crOf({ ...noDb, deployment: { patch: { spec: { template: { spec: { containers: [{ name: 'backstage-backend', volumeMount: [{ name: 'x', mountPath: '/x' }] }] } } } } } });
    const b = build({ cr, profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.results).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: { path: 'spec.deployment.patch.spec.template.spec.containers[0].volumeMount' },
      }),
    ]);
    expect(containerOf(b.byKey('Deployment', 'backstage-bs1'))).toEqual({ name: 'backstage-backend', image: 'registry.test/backstage:1', workingDir: '/opt/app' });
  });

  test('a profile object with an unknown field: a warning naming the file, the field dropped', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  port: 80\n  ports:\n    - port: 80\n';
    const b = build({ cr: crOf(noDb), profile: testProfile({ 'default-config/service.yaml': svc }) });
    expect(b.results).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('spec.port'), file: { path: 'default-config/service.yaml' } }),
    ]);
    expect(b.byKey('Service', 'backstage-bs1')?.spec).toEqual({ ports: [{ port: 80 }], selector: { 'rhdh.redhat.com/app': 'backstage-bs1' } });
  });
});

describe('keys named like Object.prototype members are unknown fields, not look-ups into the prototype', () => {
  test('unknownFields, pruneUnknownFields, typeOfKind: own names only', () => {
    // JSON.parse (like the YAML reader) makes __proto__ an own key, not the prototype.
    const d = JSON.parse('{"spec": {"template": {"spec": {"constructor": {"a": 1}, "__proto__": {"a": 1}, "toString": 1, "containers": [{"name": "c", "hasOwnProperty": 1}]}}}}');
    const paths = ['spec.template.spec.constructor', 'spec.template.spec.__proto__', 'spec.template.spec.toString', 'spec.template.spec.containers[0].hasOwnProperty'];
    expect(unknownFields(d, 'Deployment')).toEqual(paths);
    expect(pruneUnknownFields(d, 'Deployment')).toEqual(paths);
    expect(d).toEqual({ spec: { template: { spec: { containers: [{ name: 'c' }] } } } });
    expect(Object.getOwnPropertyNames(d.spec.template.spec)).toEqual(['containers']);
    expect(Object.getPrototypeOf(d.spec.template.spec)).toBe(Object.prototype);
    for (const k of ['constructor', '__proto__', 'toString', 'ObjectMeta', 'PodSpec']) expect(typeOfKind(k)).toBeUndefined();
    expect(unknownFields({ a: 1 }, 'constructor')).toEqual([]);
    expect(typeOfKind('Deployment')).toBe('Deployment');
  });

  test.each(['constructor', '__proto__'])('a %s key in spec.deployment.patch: a warning on the field, dropped, no crash', (key) => {
    const cr = `apiVersion: rhdh.redhat.com/v1alpha5\nkind: Backstage\nmetadata: {name: bs1, namespace: ns1}\nspec:\n  database: {enableLocalDb: false}\n  deployment:\n    patch:\n      spec:\n        template:\n          spec:\n            ${key}: {a: 1}\n            containers: [{name: backstage-backend, ${key}: {a: 1}}]\n`;
    const b = build({ cr, profile: testProfile() });
    expect(errorsOf(b.results)).toEqual([]);
    expect(b.results.map((r) => [r.severity, r.field?.path])).toEqual([
      ['warning', `spec.deployment.patch.spec.template.spec.${key}`],
      ['warning', `spec.deployment.patch.spec.template.spec.containers[0].${key}`],
    ]);
    const dep = b.byKey('Deployment', 'backstage-bs1')!;
    const podSpec = (dep.spec as any).template.spec;
    expect(Object.prototype.hasOwnProperty.call(podSpec, key)).toBe(false);
    expect(Object.getPrototypeOf(podSpec)).toBe(Object.prototype);
    expect(containerOf(dep)).toEqual({ name: 'backstage-backend', image: 'registry.test/backstage:1', workingDir: '/opt/app' });
  });
});
