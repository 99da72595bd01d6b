// What --help says beyond commander's lists: the function config's whole spec, the exit codes and
// examples, all taken from the one options table (fn/options.ts). Wrapped to the terminal's width
// when there is one; unwrapped when piped (kpt fn doc, a pager, a file), so no sentence is broken
// mid-line by a width the reader does not have.
import { optionSpecs } from '../fn/options';
import { FUNCTION_CONFIG_API_VERSION, FUNCTION_CONFIG_KIND } from '../fn/options';
import { SECRET_SEED_ENV } from './run-render';
import { ALLOW_EXEC_PROVIDERS_ENV } from './external-providers';
import { flagUsage } from './option-flags';


export const DESCRIPTION = [
  'Render a Backstage / Red Hat Developer Hub custom resource (rhdh.redhat.com Backstage) into the Kubernetes objects the rhdh-operator would create: Deployment, Services, Route, local PostgreSQL, app-config and dynamic-plugins ConfigMaps, and the plugin dependencies its dynamic plugins need.',
  '',
  `With no arguments it is a KRM function: a ResourceList on stdin, for kpt and kustomize. The secret seed derives the local database password; pass it in the environment as ${SECRET_SEED_ENV}, not in a committed file.`,
].join('\n');

/** One exit-code table for every command (README, "Exit codes"). */
export const EXIT_CODES: Array<[number, string]> = [
  [0, 'success (warnings and infos may be printed)'],
  [1, 'an error in the input or the options, usage errors too: `render` writes nothing; kpt and kustomize discard what the function wrote'],
  [2, 'diff only: differences found'],
  [3, 'an internal error, a bug of ours: the message asks you to report it'],
];

/** Wraps text to width with a hanging indent; no width: as it is. */
export function wrap(text: string, width: number | undefined, indent = ''): string {
  if (!width || width < 40) return indent + text;
  const words = text.split(' ');
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.trim() !== '' && line.length + 1 + w.length > width) {
      lines.push(line);
      line = `${indent}  ${w}`;
    } else line = line.trim() === '' ? `${line}${w}` : `${line} ${w}`;
  }
  lines.push(line);
  return lines.join('\n');
}

function specLines(width: number | undefined): string[] {
  return optionSpecs().map(([name, s]) => {
    const values = s.choices ? s.choices.join(' | ') : s.type === 'boolean' ? 'true | false' : s.type === 'list' ? '[path, ...]' : s.type === 'pins' ? '{image: pin}' : s.type === 'label' ? 'true | key=value' : 'string';
    return wrap(`${name}: ${values} (default: ${s.default ?? 'none'}): ${s.help ?? ''}`, width, '    ');
  });
}

export function exitCodeLines(width: number | undefined): string[] {
  return ['Exit codes (every command):', ...EXIT_CODES.map(([c, m]) => wrap(`${c}  ${m}`, width, '  '))];
}

/** After the main help's lists: the KRM door, the function config, exit codes, examples. */
export function mainHelpAfter(width: number | undefined): string {
  return [
    '',
    'As a KRM function (no arguments, ResourceList on stdin):',
    '  kpt fn eval DIR --exec backstage-render -- platform=kubernetes strict=true',
    '  kpt fn render DIR --allow-exec        (Kptfile pipeline.mutators[].exec: backstage-render)',
    '  kustomize build --enable-alpha-plugins --enable-exec DIR',
    '',
    wrap('Function config: a ConfigMap with the options under data (what kpt fn eval -- key=value sends), or:', width),
    `  apiVersion: ${FUNCTION_CONFIG_API_VERSION}`,
    `  kind: ${FUNCTION_CONFIG_KIND}`,
    '  metadata:',
    '    name: render-backstage',
    '  spec:',
    ...specLines(width),
    '',
    wrap('The CLI takes the same options as flags (render --help), and uses a function config it finds among its inputs.', width),
    '',
    ...exitCodeLines(width),
    '',
    'Examples:',
    `  ${SECRET_SEED_ENV}=… backstage-render render cr.yaml app-config.yaml`,
    '  backstage-render render package/ -o package/rendered/ --platform kubernetes',
    '  backstage-render diff package/ --against package/rendered/',
    '  kubectl get backstage developer-hub -o yaml | backstage-render render -',
    '  backstage-render render --help',
    '',
  ].join('\n');
}

export function commandHelpAfter(command: 'render' | 'diff', width: number | undefined): string {
  const examples =
    command === 'render'
      ? ['  backstage-render render cr.yaml app-config.yaml', '  backstage-render render package/ -o package/rendered/ --include-inputs', '  backstage-render render - --strict --results json < cr.yaml']
      : ['  backstage-render diff package/ --against package/rendered/', '  backstage-render diff cr.yaml app-config.yaml --against live.yaml --format json'];
  return ['', ...exitCodeLines(width), '', 'Examples:', ...examples, ''].join('\n');
}

/** The README's options table (README.md, "Options"), from the same table as --help. */
export function optionsTableMarkdown(): string {
  const rows = optionSpecs().map(([name, s]) => {
    const usage = flagUsage(name, s);
    const flag = usage ? `\`${usage}\`${s.type === 'pins' ? ' (repeatable)' : ''}${name === 'secretSeed' ? `, or \`${SECRET_SEED_ENV}\`` : ''}` : '(paths are arguments)';
    return `| \`${name}\` | ${flag} | ${s.default ?? 'none'} | ${s.help ?? ''} |`;
  });
  return [
    '| functionConfig key | CLI flag | default | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    `| (runner only) | \`--allow-exec-providers <program>\` (repeatable), or \`${ALLOW_EXEC_PROVIDERS_ENV}=a,b\`; \`--exec-provider-env <name>\` | none | the programs the exec dependency providers a profile declares may run, and the environment variables they get |`,
  ].join('\n');
}
