// The bundle validates CRs with validators compiled at build time (build/cr-validators.js, ajv
// standalone code made by scripts/cr-validators.js, which scripts/build.js runs before the jest
// run: test/global-setup.js), the sources with ajv compiling at run time (fn/validate/validators.ts).
//
// Here every case of cr-schema.test.ts runs with the precompiled validators, and every call is
// also given to the run-time one: the verdict and the errors (keyword, paths, params, message,
// schema, parentSchema, data) must be the same.
jest.mock('../../fn/validate/validators', () => {
  const runtime = jest.requireActual('../../fn/validate/validators');
  const precompiled = jest.requireActual('../../build/cr-validators.js');
  const { isDeepStrictEqual: same } = jest.requireActual('node:util');
  const stats = { calls: 0, invalid: 0, keys: new Set<string>() };
  (globalThis as Record<string, unknown>).__precompiledValidatorStats = stats;
  return {
    validatorFor(key: string) {
      const pre = precompiled.validatorFor(key);
      const run = runtime.validatorFor(key);
      const validate = (data: unknown): boolean => {
        const ok = pre(data);
        const okRuntime = run(data);
        if (ok !== okRuntime || !same(pre.errors ?? null, run.errors ?? null)) {
          throw new Error(`precompiled validator ${key} differs from the run-time one for ${JSON.stringify(data)}:\n${JSON.stringify(pre.errors)}\n${JSON.stringify(run.errors)}`);
        }
        stats.calls++;
        if (!ok) stats.invalid++;
        stats.keys.add(key);
        validate.errors = pre.errors;
        return ok;
      };
      validate.errors = null as unknown;
      return validate;
    },
  };
});

// Registers every test of cr-schema.test.ts here, running with the validators above.
import './cr-schema.test';

describe('precompiled validators (build/cr-validators.js)', () => {
  test('gave the same results as ajv at run time for every case above, invalid CRs included', () => {
    const stats = (globalThis as Record<string, unknown>).__precompiledValidatorStats as { calls: number; invalid: number; keys: Set<string> };
    expect(stats.calls).toBeGreaterThan(30);
    expect(stats.invalid).toBeGreaterThan(15);
    expect([...stats.keys].sort()).toEqual(['backstage-v1alpha3', 'backstage-v1alpha4', 'backstage-v1alpha5', 'render-backstage']);
  });

  test('the generated validators are ajv standalone code: no schema compiled when they load', () => {
    const precompiled = jest.requireActual('../../build/cr-validators.js');
    for (const key of ['backstage-v1alpha3', 'backstage-v1alpha4', 'backstage-v1alpha5', 'render-backstage']) {
      const v = precompiled.validatorFor(key);
      expect(typeof v).toBe('function');
      expect(v.schema).toBeUndefined(); // an ajv-compiled function carries its schema; standalone code does not
    }
    expect(() => precompiled.validatorFor('nope')).toThrow('no precompiled validator nope');
  });
});
