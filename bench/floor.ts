// The floor: the YAML work any renderer of this input must do, and nothing else. Parses the input
// ResourceList from stdin as backstage-render does (fn/yaml.ts parseYamlDocuments: YAML 1.1, our
// limits), then writes the given output (our own output, handed over pre-built as JSON) with the
// `yaml` package's own stringifier and our settings. bench/bench.js bundles it like the function.
import * as fs from 'node:fs';
import { Document } from 'yaml';
import { parseYamlDocuments, STRINGIFY } from '../fn/yaml';

const input = fs.readFileSync(0, 'utf8');
const docs = parseYamlDocuments(input);
if (docs.length === 0) throw new Error('floor: empty input');
const output = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as unknown;
process.stdout.write(new Document(output, STRINGIFY).toString(STRINGIFY));
