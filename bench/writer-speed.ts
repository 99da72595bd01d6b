// Times fn/yaml-writer.ts against the `yaml` package's stringifier (our settings) and
// JSON.stringify on one value read from a JSON file (the bench hands it our largest output), in
// CPU time of this process. Prints one JSON line. Bundled by bench/bench.js like the floor.
import * as fs from 'node:fs';
import { Document } from 'yaml';
import { writeYamlDocument } from '../fn/yaml-writer';
import { STRINGIFY } from '../fn/yaml';

const value = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as unknown;

function cpuMs(f: () => string): { ms: number; text: string } {
  const c = process.cpuUsage();
  const text = f();
  const d = process.cpuUsage(c);
  return { ms: Math.round((d.user + d.system) / 100) / 10, text };
}

const writer = cpuMs(() => writeYamlDocument(value) ?? '');
const yaml = cpuMs(() => new Document(value, STRINGIFY).toString(STRINGIFY));
const json = cpuMs(() => JSON.stringify(value));
const mbPerS = (bytes: number, ms: number) => Math.round(bytes / 1e3 / ms * 10) / 10;
const bytes = Buffer.byteLength(yaml.text);
process.stdout.write(
  `${JSON.stringify({
    bytes,
    identical: writer.text === yaml.text,
    writerMs: writer.ms,
    yamlPackageMs: yaml.ms,
    jsonStringifyMs: json.ms,
    writerMbPerS: mbPerS(bytes, writer.ms),
    yamlPackageMbPerS: mbPerS(bytes, yaml.ms),
    jsonStringifyMbPerS: mbPerS(Buffer.byteLength(json.text), json.ms),
  })}\n`,
);
