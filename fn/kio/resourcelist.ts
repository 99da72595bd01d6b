import { parseYamlDocuments, stringifyYaml } from '../yaml';
import { writeSequenceItem, writeYamlDocument } from '../yaml-writer';
import type { KObject, ResourceList, Result } from './types';
import { isObject, RESOURCE_LIST_API_VERSION } from './types';

const RESOURCE_LIST_VERSIONS = ['config.kubernetes.io/v1', 'config.kubernetes.io/v1beta1', 'config.kubernetes.io/v1alpha1'];

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function checkItem(item: unknown, where: string): KObject {
  if (!isObject(item)) throw new InputError(`${where} is not an object`);
  if (typeof item.apiVersion !== 'string' || item.apiVersion === '') throw new InputError(`${where} has no apiVersion`);
  if (typeof item.kind !== 'string' || item.kind === '') throw new InputError(`${where} has no kind`);
  if (item.metadata === undefined || item.metadata === null) item.metadata = {};
  if (!isObject(item.metadata)) throw new InputError(`${where} has a metadata that is not a map`);
  return item as KObject;
}

export function isResourceList(doc: unknown): doc is Record<string, unknown> {
  return isObject(doc) && doc.kind === 'ResourceList' && typeof doc.apiVersion === 'string' && RESOURCE_LIST_VERSIONS.includes(doc.apiVersion);
}

/** Items of a ResourceList, a `v1 List`, or (for the CLI) a plain multi-document stream of objects. */
export function readResourceList(text: string, opts: { allowPlainObjects?: boolean } = {}): ResourceList {
  if (text.trim() === '') throw new InputError('input is empty: expected a ResourceList');
  const docs = parseYamlDocuments(text);
  if (docs.length === 0) throw new InputError('input has no YAML documents: expected a ResourceList');
  if (docs.length === 1 && isObject(docs[0]) && docs[0].kind === 'ResourceList') {
    const doc = docs[0];
    if (!isResourceList(doc)) {
      throw new InputError(`ResourceList apiVersion "${String((doc as Record<string, unknown>).apiVersion)}" is not supported; use ${RESOURCE_LIST_API_VERSION}`);
    }
    const items = doc.items ?? [];
    if (!Array.isArray(items)) throw new InputError('ResourceList items is not a list');
    let functionConfig: KObject | undefined;
    if (doc.functionConfig !== undefined && doc.functionConfig !== null) {
      if (!isObject(doc.functionConfig)) throw new InputError('ResourceList functionConfig is not an object');
      functionConfig = doc.functionConfig as KObject;
    }
    return {
      apiVersion: doc.apiVersion as string,
      kind: 'ResourceList',
      items: items.map((it, i) => checkItem(it, `items[${i}]`)),
      ...(functionConfig ? { functionConfig } : {}),
    };
  }
  const items: KObject[] = [];
  docs.forEach((doc, i) => {
    if (isObject(doc) && doc.apiVersion === 'v1' && doc.kind === 'List') {
      const listItems = doc.items ?? [];
      if (!Array.isArray(listItems)) throw new InputError(`document ${i + 1}: List items is not a list`);
      listItems.forEach((it, j) => items.push(checkItem(it, `document ${i + 1} items[${j}]`)));
      return;
    }
    if (isObject(doc) && doc.kind === 'ResourceList') throw new InputError(`document ${i + 1}: a ResourceList must be the only document`);
    if (!opts.allowPlainObjects) throw new InputError(`input is not a ResourceList (document ${i + 1} is ${describe(doc)})`);
    items.push(checkItem(doc, `document ${i + 1}`));
  });
  return { apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList', items };
}

function describe(doc: unknown): string {
  if (isObject(doc)) return `${String(doc.apiVersion ?? '?')} ${String(doc.kind ?? '?')}`;
  if (Array.isArray(doc)) return 'a list';
  return `a ${typeof doc}`;
}

/** The ResourceList a function answers with; results always carry a severity. */
export function writeResourceList(items: KObject[], results: Result[], functionConfig?: KObject): string {
  return writeResourceListParts(items, results, functionConfig).join('');
}

/** Where the `-` of the items is (stringifyYaml's indentSeq: two spaces under `items:`). */
const ITEM_INDENT = '  ';

/**
 * writeResourceList's text in parts, one per item (their concatenation is the same bytes): a door
 * writes them one after the other, and a large output is never one string (V8 caps a string at
 * 512 MB; building and copying one doubled the memory of a fleet's render).
 */
export function writeResourceListParts(items: KObject[], results: Result[], functionConfig?: KObject): string[] {
  const rest: Record<string, unknown> = {};
  if (functionConfig) rest.functionConfig = functionConfig;
  if (results.length > 0) rest.results = results.map(orderResultKeys);
  const whole = () => [stringifyYaml({ apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList', items, ...rest })];
  const head = writeYamlDocument({ apiVersion: RESOURCE_LIST_API_VERSION, kind: 'ResourceList' });
  const tail = Object.keys(rest).length === 0 ? '' : writeYamlDocument(rest);
  if (head === undefined || tail === undefined) return whole();
  const parts = [head, items.length === 0 ? 'items: []\n' : 'items:\n'];
  for (const item of items) {
    const text = writeSequenceItem(item, ITEM_INDENT);
    if (text === undefined) return whole(); // not plain data: the `yaml` package writes (and judges) it all
    parts.push(`${ITEM_INDENT}${text}\n`);
  }
  if (tail) parts.push(tail);
  return parts;
}

/** Result keys in the specification's order: message, severity, resourceRef, field, file, tags. */
function orderResultKeys(r: Result): Result {
  const out: Result = { message: r.message, severity: r.severity };
  if (r.resourceRef) out.resourceRef = r.resourceRef;
  if (r.field) out.field = r.field;
  if (r.file) out.file = r.file;
  if (r.tags) out.tags = r.tags;
  return out;
}
