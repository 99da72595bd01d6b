import type { KObject } from './kio/types';

/** Objects from the input (ConfigMaps, Secrets, ...) that a CR may refer to, found by kind/namespace/name. */
export class InputObjects {
  private readonly byKey = new Map<string, KObject>();

  constructor(objects: Iterable<KObject> = []) {
    for (const o of objects) this.add(o);
  }

  private static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
  }

  add(o: KObject): void {
    const name = o.metadata?.name;
    if (!name) return;
    // First one wins; duplicates are reported by validation.
    const k = InputObjects.key(o.kind, o.metadata?.namespace, name);
    if (!this.byKey.has(k)) this.byKey.set(k, o);
  }

  /**
   * Finds an object. An input object without a namespace matches any namespace, as a file
   * written for "the CR's namespace" usually has none.
   */
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.byKey.get(InputObjects.key(kind, namespace, name)) ?? this.byKey.get(InputObjects.key(kind, undefined, name));
  }

  all(): KObject[] {
    return [...this.byKey.values()];
  }
}
