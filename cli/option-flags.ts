// The CLI flags of the render options, derived from the one options table (fn/options.ts): the
// flag, its value, its help line with the default, and the reading of the values, which is the
// functionConfig's (readOptionValues), so both doors accept and refuse the same.
import { Option, type Command } from 'commander';
import { optionSpecs, readOptionValues, type OptionSpec, type RenderOptions } from '../fn/options';
import type { Result } from '../fn/kio/types';

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flag of an option without its dashes (`pin-image`), or undefined when it has none. */
export function flagOf(name: string, spec: OptionSpec): string | undefined {
  return spec.cli === false ? undefined : (spec.flag ?? kebab(name));
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** `--flag <value>` as help shows it. */
export function flagUsage(name: string, spec: OptionSpec): string | undefined {
  const flag = flagOf(name, spec);
  if (!flag) return undefined;
  if (spec.type === 'boolean') return `--${flag}`;
  return `--${flag} ${spec.value ?? (spec.choices ? `<${kebab(name)}>` : '<value>')}`;
}

/** Adds one flag per option of the table. */
export function addOptionFlags(cmd: Command): Command {
  for (const [name, spec] of optionSpecs()) {
    const usage = flagUsage(name, spec);
    if (!usage) continue;
    const help = `${spec.help ?? name} (default: ${spec.default ?? 'none'})`;
    const option = new Option(usage, help);
    if (spec.choices) option.choices([...spec.choices]);
    if (spec.type === 'pins') option.argParser(collect);
    cmd.addOption(option);
  }
  return cmd;
}

/**
 * Flags with an optional value (`--prune-label [key=value]`) take the next argument as their
 * value when it does not start with `-`: `render --prune-label a.yaml` would lose the path. A bare
 * flag is read as `--flag=true`; a value must be attached (`--prune-label=team=x`).
 */
export function attachOptionalValues(argv: string[]): string[] {
  const optional = new Set(optionSpecs().filter(([, s]) => s.value?.startsWith('[')).map(([n, s]) => `--${flagOf(n, s)}`));
  return argv.map((a) => (optional.has(a) ? `${a}=true` : a));
}

/** The options the flags set, read and checked like functionConfig values; errors name the flag. */
export function optionFlagValues(opts: Record<string, unknown>): { flags: Partial<RenderOptions>; errors: Result[] } {
  const raw: Record<string, unknown> = {};
  const flagByName: Record<string, string> = {};
  for (const [name, spec] of optionSpecs()) {
    const flag = flagOf(name, spec);
    if (!flag) continue;
    flagByName[name] = flag;
    const v = opts[camel(flag)];
    if (v !== undefined) raw[name] = v;
  }
  const parsed = readOptionValues(raw, '');
  const errors = parsed.results
    .filter((r) => r.severity === 'error')
    .map((r) => ({ ...r, field: { path: `--${flagByName[r.field?.path ?? ''] ?? r.field?.path}` } }));
  return { flags: parsed.options, errors };
}
