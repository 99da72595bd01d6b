import * as fs from 'node:fs';
import * as path from 'node:path';
import { readResourceList } from '../fn/kio/resourcelist';
import type { KObject } from '../fn/kio/types';

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface ReadInputs {
  items: KObject[];
  functionConfig?: KObject;
}

function yamlFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Reads YAML files, directories (recursively, *.yaml / *.yml) or `-` (stdin text given). */
export function readInputs(paths: string[], readStdin: () => string): ReadInputs {
  const items: KObject[] = [];
  let functionConfig: KObject | undefined;
  const texts: Array<[string, string]> = [];
  for (const p of paths.length ? paths : ['-']) {
    if (p === '-') {
      texts.push(['<stdin>', readStdin()]);
      continue;
    }
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) throw new Error(`${p}: no such file or directory`);
    const files = st.isDirectory() ? yamlFilesIn(p) : [p];
    for (const f of files) {
      const size = fs.statSync(f).size;
      if (size > MAX_INPUT_BYTES) throw new Error(`${f}: larger than ${MAX_INPUT_BYTES} bytes`);
      texts.push([f, fs.readFileSync(f, 'utf8')]);
    }
  }
  let total = 0;
  for (const [name, text] of texts) {
    total += text.length;
    if (total > MAX_INPUT_BYTES) throw new Error(`input is larger than ${MAX_INPUT_BYTES} bytes`);
    if (text.trim() === '') continue;
    try {
      const rl = readResourceList(text, { allowPlainObjects: true });
      items.push(...rl.items);
      if (rl.functionConfig) functionConfig = rl.functionConfig;
    } catch (e) {
      throw new Error(`${name}: ${(e as Error).message}`);
    }
  }
  return { items, ...(functionConfig ? { functionConfig } : {}) };
}
