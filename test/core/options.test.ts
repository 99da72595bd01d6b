import { parseFunctionConfig, withDefaults } from '../../fn/options';

describe('parseFunctionConfig', () => {
  test('no functionConfig and the empty function-input ConfigMap mean defaults', () => {
    expect(parseFunctionConfig(undefined)).toEqual({ options: {}, results: [] });
    expect(parseFunctionConfig({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'function-input' } })).toEqual({ options: {}, results: [] });
    expect(withDefaults({})).toEqual({ platform: 'openshift', profile: 'rhdh' });
  });

  test('ConfigMap data as kpt fn eval -- key=value sends it', () => {
    const fc = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'function-input' },
      data: { platform: 'kubernetes', ingressDomain: 'apps.example.com', omitDbSecret: 'true', profile: 'backstage.io' },
    };
    expect(parseFunctionConfig(fc)).toEqual({
      options: { platform: 'kubernetes', ingressDomain: 'apps.example.com', omitDbSecret: true, profile: 'backstage.io' },
      results: [],
    });
  });

  test('RenderBackstage with fields under spec', () => {
    const fc = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'render' }, spec: { platform: 'openshift', pluginInfra: true } };
    expect(parseFunctionConfig(fc)).toEqual({ options: { platform: 'openshift', pluginInfra: true }, results: [] });
  });

  test('operatorVersion: 1.9, 1.10 or main, as a string; YAML\'s number 1.1 is refused with how to quote it', () => {
    const rb = (v: unknown) => parseFunctionConfig({ apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', metadata: { name: 'r' }, spec: { operatorVersion: v } });
    for (const v of ['1.9', '1.10', 'main']) expect(rb(v)).toEqual({ options: { operatorVersion: v }, results: [] });
    const ref = { apiVersion: 'fn.kpt.dev/v1alpha1', kind: 'RenderBackstage', name: 'r' };
    expect(rb(1.1).results).toEqual([
      { severity: 'error', message: 'option "operatorVersion" must be a string: quote it ("1.9", "1.10"); YAML read 1.1 as a number', resourceRef: ref, field: { path: 'spec.operatorVersion' } },
    ]);
    expect(rb('1.8').results).toEqual([
      { severity: 'error', message: 'option "operatorVersion" must be one of 1.9, 1.10, main, not "1.8"', resourceRef: ref, field: { path: 'spec.operatorVersion' } },
    ]);
  });

  test('bad values become results on the field', () => {
    const fc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fi' }, data: { platform: 'aks', omitDbSecret: 'yes', colour: 'blue' } };
    expect(parseFunctionConfig(fc).results).toEqual([
      {
        severity: 'error',
        message: 'option "platform" must be "openshift" or "kubernetes", not "aks"',
        resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'fi' },
        field: { path: 'data.platform' },
      },
      {
        severity: 'error',
        message: 'option "omitDbSecret" must be true or false',
        resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'fi' },
        field: { path: 'data.omitDbSecret' },
      },
      {
        severity: 'error',
        message:
          'unknown option "colour"; accepted options: platform, profile, operatorVersion, ingressDomain, secretSeed, backstageImage, postgresqlImage, catalogIndexImage, omitDbSecret, dbSecret, sealedSecretsCert, pluginInfra, dynamicPluginsProcessing, installDynamicPluginsImage, namespace, inputs, jobMode, syncWaves, pinImages, pruneLabel, fluxSsaIfNotPresent',
        resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'fi' },
        field: { path: 'data.colour' },
      },
    ]);
  });

  test('any other kind is an error naming the accepted kinds', () => {
    const fc = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } };
    expect(parseFunctionConfig(fc)).toEqual({
      options: {},
      results: [
        {
          severity: 'error',
          message:
            'functionConfig apps/v1 Deployment is not supported; accepted: a ConfigMap (v1) with options under data, or fn.kpt.dev/v1alpha1 RenderBackstage with options under spec',
          resourceRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' },
        },
      ],
    });
  });

  test('later layers win, undefined does not erase', () => {
    expect(withDefaults({ secretSeed: 'env' }, { platform: 'kubernetes' }, { secretSeed: 'flag', profile: undefined })).toEqual({
      platform: 'kubernetes',
      profile: 'rhdh',
      secretSeed: 'flag',
    });
  });
});
