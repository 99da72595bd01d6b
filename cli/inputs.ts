import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, readResourceList } from '../fn/kio/resourcelist';
import { YamlError } from '../fn/yaml';
import { appendAll, type KObject } from '../fn/kio/types';
import { inputCopiesIn, MANIFEST_FILE } from './output-dir';

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Input that cannot be read (no such file, too large, not UTF-8, not YAML): the user's problem, said in one line (exit 1). */
export class UnreadableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (the bytes are known to be invalid). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let lo = 0;
  let hi = buf.length;
  // The longest valid prefix, by bisection (a valid prefix may only end on a sequence boundary, so allow 3 bytes back).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    let ok = false;
    for (let back = 0; back <= 3 && !ok && mid - back >= 0; back++) {
      try {
        UTF8.decode(buf.subarray(0, mid - back));
        ok = true;
      } catch {
        // keep looking
      }
    }
    if (ok) lo = mid;
    else hi = mid - 1;
  }
  for (let back = 0; back <= 3; back++) {
    try {
      UTF8.decode(buf.subarray(0, lo - back));
      return lo - back;
    } catch {
      // keep looking
    }
  }
  return 0;
}

/**
 * Bytes to text: YAML is Unicode, and silently replacing bad bytes with U+FFFD would change
 * ConfigMap values that pass through. Invalid UTF-8 is an error naming the line.
 */
export function decodeInput(buf: Uint8Array, name: string): string {
  if (buf.length > MAX_INPUT_BYTES) throw new UnreadableInputError(`${name}: larger than ${MAX_INPUT_BYTES} bytes`);
  try {
    return UTF8.decode(buf);
  } catch {
    const at = firstInvalidUtf8(buf);
    let line = 1;
    for (let i = 0; i < at; i++) if (buf[i] === 0x0a) line++;
    throw new UnreadableInputError(`${name}: not valid UTF-8 (line ${line}, byte ${at + 1}); YAML input must be UTF-8 text`);
  }
}

/**
 * A file of ours to read as text (a YAML input, --config, a profile file, a plugin config): at
 * most MAX_INPUT_BYTES, and UTF-8, or an UnreadableInputError naming `name` and the byte.
 */
export function readTextFile(file: string, name = file): string {
  const size = fs.statSync(file).size;
  if (size > MAX_INPUT_BYTES) throw new UnreadableInputError(`${name}: larger than ${MAX_INPUT_BYTES} bytes`);
  return decodeInput(fs.readFileSync(file), name);
}

export interface ReadInputs {
  items: KObject[];
  functionConfig?: KObject;
}

/**
 * *.yaml / *.yml files below dir, sorted; hidden entries and node_modules left out, and `skip`'s
 * names, and the input copies a `render -o --include-inputs` wrote (output-dir.ts inputCopiesIn).
 */
export function yamlFilesIn(dir: string, skip: (fileName: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const copies = new Set<string>();
  const walk = (d: string) => {
    if (fs.existsSync(path.join(d, MANIFEST_FILE))) for (const c of inputCopiesIn(d)) copies.add(c);
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.ya?ml$/.test(e.name) && !skip(e.name) && !copies.has(p)) out.push(p);
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
    if (!st) throw new UnreadableInputError(`${p}: no such file or directory`);
    const files = st.isDirectory() ? yamlFilesIn(p) : [p];
    // An input that holds nothing is a mistake (a wrong path), not a render of nothing.
    if (files.length === 0) throw new UnreadableInputError(`${p}: no YAML files (*.yaml, *.yml) in this directory`);
    for (const f of files) {
      texts.push([f, readTextFile(f)]);
    }
  }
  let total = 0;
  for (const [name, text] of texts) {
    total += text.length;
    if (total > MAX_INPUT_BYTES) throw new UnreadableInputError(`input is larger than ${MAX_INPUT_BYTES} bytes`);
    if (text.trim() === '') continue;
    try {
      const rl = readResourceList(text, { allowPlainObjects: true });
      appendAll(items, rl.items);
      if (rl.functionConfig) functionConfig = rl.functionConfig;
    } catch (e) {
      // The input's mistakes; anything else is ours (an internal error, exit 3).
      if (e instanceof InputError || e instanceof YamlError) throw new UnreadableInputError(`${name}: ${e.message}`);
      throw e;
    }
  }
  return { items, ...(functionConfig ? { functionConfig } : {}) };
}
