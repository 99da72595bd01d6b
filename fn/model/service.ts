// The Backstage Service (the operator's pkg/model/service.go).
import type { KObject } from '../kio/types';
import { ModelError, setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { BACKSTAGE_APP_LABEL, backstageAppLabelValue, ensureMap, generateLabel, serviceName, setCommonMetaInfo } from './utils';

export const serviceConfig: ObjectConfig = {
  key: 'service.yaml',
  factory: () => new BackstageService(),
  multiple: false,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'Service' }],
};

export class BackstageService implements RuntimeObject {
  service?: KObject;

  objects(): KObject[] {
    return this.service ? [this.service] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.service = objs?.[0];
  }

  addToModel(model: Model): boolean {
    if (!this.service) {
      throw new ModelError('backstage Service is not initialized, make sure there is service.yaml in default or raw configuration');
    }
    model.backstageService = this;
    setRuntimeObject(model, this);
    return true;
  }

  updateAndValidate(): void {}

  setMetaInfo(model: Model): void {
    this.service!.metadata.name = serviceName(model.cr.name);
    generateLabel(ensureMap(this.service as Record<string, unknown>, 'spec'), 'selector', BACKSTAGE_APP_LABEL, backstageAppLabelValue(model.cr.name));
    setCommonMetaInfo(this.service!, model.cr.name, model.cr.namespace);
  }
}
