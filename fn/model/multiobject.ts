// Keys that hold several objects (app-config, configmap-*, secret-*, pvcs): the operator's
// multiobject.MultiObject and setMultiObjectConfigMetaInfo.
import type { KObject } from '../kio/types';
import { setRuntimeObject } from './runtime';
import type { Model, RuntimeObject } from './runtime';
import { addAnnotation, CONFIGURED_NAME_ANNOTATION, multiObjectName, setCommonMetaInfo } from './utils';

/** Each item keeps its configured name in an annotation and becomes `backstage-<type>-<cr>-<name>`. */
export function setMultiObjectMetaInfo(items: KObject[], objectType: string, model: Model): void {
  for (const item of items) {
    const configured = String(item.metadata?.name ?? '');
    addAnnotation(item, CONFIGURED_NAME_ANNOTATION, configured);
    item.metadata.name = multiObjectName(objectType, model.cr.name, configured);
    setCommonMetaInfo(item, model.cr.name, model.cr.namespace);
  }
}

/** Words for messages about a profile object: `ConfigMap x (default-config, flavour-y)`. */
export function describeProfileObject(o: KObject): string {
  const src = o.metadata?.annotations?.['rhdh.redhat.com/source'];
  const configured = o.metadata?.annotations?.[CONFIGURED_NAME_ANNOTATION] ?? o.metadata?.name;
  return `profile ${o.kind} ${String(configured)}${src ? ` (${src})` : ''}`;
}

/**
 * The profile objects of one multi-object key (configmap-envs, configmap-files, secret-envs,
 * secret-files, pvcs): held, added to the model when configured, named `backstage-<type>-<cr>-<name>`.
 * Each key adds what it does with them in updateAndValidate (and addExternalConfig).
 */
export abstract class ProfileObjectList implements RuntimeObject {
  items?: KObject[];

  constructor(private readonly objectType: string) {}

  objects(): KObject[] {
    return this.items ?? [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.items = objs;
  }

  addToModel(model: Model): boolean {
    if (this.items) {
      setRuntimeObject(model, this);
      return true;
    }
    return false;
  }

  setMetaInfo(model: Model): void {
    setMultiObjectMetaInfo(this.items!, this.objectType, model);
  }

  abstract updateAndValidate(model: Model): void;
}
