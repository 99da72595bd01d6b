// The local database StatefulSet (the operator's pkg/model/db-statefulset.go).
import { isObject } from '../kio/types';
import type { KObject } from '../kio/types';
import { authSecretName } from './cr';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import {
  BACKSTAGE_APP_LABEL,
  backstageDbAppLabelValue,
  dbStatefulSetName,
  ensureList,
  ensureMap,
  generateLabel,
  IDLE_ANNOTATION,
  setCommonMetaInfo,
} from './utils';

export const dbStatefulSetConfig: ObjectConfig = {
  key: 'db-statefulset.yaml',
  factory: () => new DbStatefulSet(),
  multiple: false,
  merge: 'none',
  kinds: [{ apiVersion: 'apps/v1', kind: 'StatefulSet' }],
};

/* eslint-disable @typescript-eslint/no-explicit-any */
export class DbStatefulSet implements RuntimeObject {
  statefulSet?: KObject;

  objects(): KObject[] {
    return this.statefulSet ? [this.statefulSet] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.statefulSet = objs?.[0];
  }

  private spec(): Record<string, any> {
    return ensureMap(this.statefulSet as Record<string, unknown>, 'spec');
  }

  private podSpec(): Record<string, any> {
    return ensureMap(ensureMap(this.spec(), 'template'), 'spec');
  }

  /** The DB container: the first one. */
  container(): Record<string, any> {
    const cs = this.podSpec().containers;
    if (!Array.isArray(cs) || !isObject(cs[0])) throw new ModelError('the local database StatefulSet has no container');
    return cs[0];
  }

  addToModel(model: Model): boolean {
    if (!this.statefulSet) {
      if (model.localDbEnabled) {
        throw new ModelError('LocalDb StatefulSet not configured, make sure there is db-statefulset.yaml in default or raw configuration');
      }
      return false;
    }
    if (!model.localDbEnabled) return false;
    model.localDbStatefulSet = this;
    setRuntimeObject(model, this);
    // RELATED_IMAGE_postgresql
    if (model.options.postgresqlImage) this.container().image = model.options.postgresqlImage;
    return true;
  }

  updateAndValidate(model: Model): void {
    this.spec().serviceName = model.localDbService?.service?.metadata?.name;
    const auth = authSecretName(model.cr);
    if (auth) this.setDbSecretEnvVar(auth);
    else if (model.localDbSecret) this.setDbSecretEnvVar(model.localDbSecret.secretName());
    // Operator main (e3de37fe, PR #3318): the idle annotation scales the database to 0 too (deployment.ts warns on earlier lines).
    if (model.cr.annotations?.[IDLE_ANNOTATION] === 'true' && model.version === 'main') this.spec().replicas = 0;
  }

  private setDbSecretEnvVar(secretName: string): void {
    ensureList(this.container(), 'envFrom').push({ secretRef: { name: secretName } });
  }

  setMetaInfo(model: Model): void {
    const name = model.cr.name;
    this.statefulSet!.metadata.name = dbStatefulSetName(name);
    generateLabel(ensureMap(ensureMap(this.spec(), 'template'), 'metadata'), 'labels', BACKSTAGE_APP_LABEL, backstageDbAppLabelValue(name));
    generateLabel(ensureMap(this.spec(), 'selector'), 'matchLabels', BACKSTAGE_APP_LABEL, backstageDbAppLabelValue(name));
    setCommonMetaInfo(this.statefulSet!, name, model.cr.namespace);
  }
}
