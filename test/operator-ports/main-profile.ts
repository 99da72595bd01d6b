// Inputs for the ports of the operator main's (c0cb1c9) pkg/model tests, written here: small
// profile files carrying the facts those tests rely on (container names, annotations, keys), not
// the operator's test data. test/operator-ports/main.ts maps each Go test to its port.
import type { KObject } from '../../fn/kio/types';
import type { Profile } from '../../fn/profile/profile';
import { build as buildModel, type Built } from '../model/helpers';
import { testProfile } from '../model/fixtures';

/** Builds the model as operator main (c0cb1c9) would. */
export function buildMain(args: { cr: KObject | string; profile: Profile; inputs?: KObject[]; options?: Record<string, unknown> }): Built {
  return buildModel({ ...args, options: { operatorVersion: 'main', ...(args.options ?? {}) } });
}

/** The Backstage container, a second container and two init containers, one the plugins installer. */
export const FOUR_CONTAINERS = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      initContainers:
        - name: install-dynamic-plugins
          image: img:init
        - name: another-init-container
          image: img:init2
      containers:
        - name: backstage-backend
          image: img:main
        - name: another-container
          image: img:side
`;

/** An RHDH-like Deployment: the plugins root, the npmrc and registry-auth volumes, the installer with two env vars. */
export const RHDH_LIKE = `apiVersion: apps/v1
kind: Deployment
spec:
  replicas: 1
  template:
    spec:
      volumes:
        - name: dynamic-plugins-root
          ephemeral:
            volumeClaimTemplate:
              spec:
                accessModes: [ReadWriteOnce]
                resources:
                  requests:
                    storage: 2Gi
        - name: dynamic-plugins-npmrc
          secret:
            secretName: dynamic-plugins-npmrc
            optional: true
        - name: dynamic-plugins-registry-auth
          secret:
            secretName: dynamic-plugins-registry-auth
            optional: true
      initContainers:
        - name: install-dynamic-plugins
          image: img:hub
          command: [./install-dynamic-plugins.sh, /dynamic-plugins-root]
          workingDir: /opt/app-root/src
          env:
            - name: NPM_CONFIG_USERCONFIG
              value: /opt/app-root/src/.npmrc.dynamic-plugins
            - name: CATALOG_INDEX_IMAGE
              value: registry.test/catalog-index:7
          volumeMounts:
            - name: dynamic-plugins-root
              mountPath: /dynamic-plugins-root
            - name: dynamic-plugins-npmrc
              mountPath: /opt/app-root/src/.npmrc.dynamic-plugins
              subPath: .npmrc
              readOnly: true
            - name: dynamic-plugins-registry-auth
              mountPath: /opt/app-root/src/.config/containers
              readOnly: true
      containers:
        - name: backstage-backend
          image: img:hub
          args: [--config, dynamic-plugins-root/app-config.dynamic-plugins.yaml]
          volumeMounts:
            - name: dynamic-plugins-root
              mountPath: /opt/app-root/src/dynamic-plugins-root
`;

export const DEFAULT_PLUGINS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: plugins
data:
  dynamic-plugins.yaml: |
    includes:
      - dynamic-plugins.default.yaml
    plugins: []
`;

/** The model tests' profile (Deployment, Service, local DB objects) plus the given files. */
export function mainProfile(extra: Record<string, string> = {}, omit: string[] = []): Profile {
  return testProfile(extra, omit);
}
