// The local database Service (the operator's pkg/model/db-service.go).
import type { KObject } from '../kio/types';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { BACKSTAGE_APP_LABEL, backstageDbAppLabelValue, dbServiceName, ensureMap, generateLabel, setCommonMetaInfo } from './utils';

export const dbServiceConfig: ObjectConfig = {
  key: 'db-service.yaml',
  factory: () => new DbService(),
  multiple: false,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'Service' }],
};

export class DbService implements RuntimeObject {
  service?: KObject;

  objects(): KObject[] {
    return this.service ? [this.service] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.service = objs?.[0];
  }

  addToModel(model: Model): boolean {
    if (!this.service) {
      if (model.localDbEnabled) {
        throw new ModelError('LocalDb Service not initialized, make sure there is db-service.yaml in default or raw configuration');
      }
      return false;
    }
    if (!model.localDbEnabled) return false;
    // always headless
    ensureMap(this.service as Record<string, unknown>, 'spec').clusterIP = 'None';
    model.localDbService = this;
    setRuntimeObject(model, this);
    return true;
  }

  updateAndValidate(): void {}

  setMetaInfo(model: Model): void {
    this.service!.metadata.name = dbServiceName(model.cr.name);
    generateLabel(ensureMap(this.service as Record<string, unknown>, 'spec'), 'selector', BACKSTAGE_APP_LABEL, backstageDbAppLabelValue(model.cr.name));
    setCommonMetaInfo(this.service!, model.cr.name, model.cr.namespace);
  }
}
