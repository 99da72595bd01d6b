// The local database Secret (the operator's pkg/model/db-secret.go). Its values come from
// fn/model/db-password.ts, which replaces the operator's random password.
import type { KObject } from '../kio/types';
import { dbSecretData } from './db-password';
import { setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { dbSecretDefaultName, setCommonMetaInfo } from './utils';
import { isAuthSecretSpecified } from './cr';

export const dbSecretConfig: ObjectConfig = {
  key: 'db-secret.yaml',
  factory: () => new DbSecret(),
  multiple: false,
  merge: 'none',
  kinds: [{ apiVersion: 'v1', kind: 'Secret' }],
};

export class DbSecret implements RuntimeObject {
  secret?: KObject;
  /** dbSecret omit (omitDbSecret), or no value could be made: referenced but not emitted. */
  private omitted = false;

  objects(): KObject[] {
    return this.secret && !this.omitted ? [this.secret] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.secret = objs?.[0];
  }

  secretName(): string {
    return String(this.secret?.metadata?.name ?? '');
  }

  addToModel(model: Model): boolean {
    if (isAuthSecretSpecified(model.cr)) return false;
    if (this.secret && model.localDbEnabled) {
      setRuntimeObject(model, this);
      model.localDbSecret = this;
      return true;
    }
    return false;
  }

  updateAndValidate(model: Model): void {
    const svc = model.localDbService?.service as KObject | undefined;
    const ports = (svc?.spec as { ports?: Array<{ port?: unknown }> } | undefined)?.ports;
    const port = Array.isArray(ports) && typeof ports[0]?.port === 'number' ? (ports[0].port as number) : undefined;
    const values = dbSecretData({
      cr: model.cr,
      options: model.options,
      previous: model.previous,
      inputs: model.inputs,
      secretName: this.secretName(),
      defaultSecret: this.secret,
      diag: model.diag,
      ...(svc?.metadata?.name ? { dbServiceName: String(svc.metadata.name) } : {}),
      ...(port !== undefined ? { dbServicePort: port } : {}),
    });
    if (!values) {
      // dbSecret omit (created out of band) or no password could be made (reported): the workload
      // and the database still refer to the Secret by name.
      this.omitted = true;
      return;
    }
    const s = this.secret!;
    delete s.data;
    delete s.stringData;
    if (values.data) s.data = values.data;
    if (values.stringData) s.stringData = values.stringData;
  }

  setMetaInfo(model: Model): void {
    this.secret!.metadata.name = dbSecretDefaultName(model.cr.name);
    setCommonMetaInfo(this.secret!, model.cr.name, model.cr.namespace);
  }
}
