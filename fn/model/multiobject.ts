// Keys that hold several objects (app-config, configmap-*, secret-*, pvcs): the operator's
// multiobject.MultiObject and setMultiObjectConfigMetaInfo.
import type { KObject } from '../kio/types';
import { setRuntimeObject } from './runtime';
import type { Model, RuntimeObject } from './runtime';
import { addAnnotation, CONFIGURED_NAME_ANNOTATION, multiObjectName, setCommonMetaInfo } from './utils';

/**
 * Each item keeps its configured name in an annotation and becomes `backstage-<type>-<cr>-<name>`.
 * 1.9 named them per key (setMetaInfo19).
 */
export function setMultiObjectMetaInfo(items: KObject[], objectType: string, model: Model): void {
  if (model.version === '1.9') return setMetaInfo19(items, objectType, model);
  for (const item of items) {
    const configured = String(item.metadata?.name ?? '');
    addAnnotation(item, CONFIGURED_NAME_ANNOTATION, configured);
    item.metadata.name = multiObjectName(objectType, model.cr.name, configured);
    setCommonMetaInfo(item, model.cr.name, model.cr.namespace);
  }
}

/**
 * Operator 1.9's names: app-config, configmap-files and configmap-envs hold one object, named
 * `backstage-<type>-<cr>`; secret-files and secret-envs name a single object so too ("for backward
 * compatibility") and several `backstage-<type>-<cr>-<name>`; PVCs are `backstage-<cr>-<name>`.
 * The configured-name annotation: on PVCs and secret-envs always, on secret-files when several.
 */
function setMetaInfo19(items: KObject[], objectType: string, model: Model): void {
  const base = `backstage-${objectType}-${model.cr.name}`;
  for (const item of items) {
    const configured = String(item.metadata?.name ?? '');
    const isSecret = item.kind === 'Secret';
    if (objectType === 'pvcs') {
      addAnnotation(item, CONFIGURED_NAME_ANNOTATION, configured);
      item.metadata.name = `backstage-${model.cr.name}-${configured}`;
    } else if (!isSecret) {
      item.metadata.name = base;
    } else {
      if (objectType === 'envs' || items.length > 1) addAnnotation(item, CONFIGURED_NAME_ANNOTATION, configured);
      item.metadata.name = items.length === 1 ? base : `${base}-${configured}`;
    }
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
