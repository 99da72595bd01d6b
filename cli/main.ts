// The command-line door. With no arguments and a ResourceList on stdin it is the KRM function
// (kpt, kustomize); `render` prints the objects to apply; `--help` is what `kpt fn doc` shows.
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { KObject } from '../fn/kio/types';
import { OPERATOR_VERSIONS, type OperatorVersion } from '../fn/versions';
import { stringifyYaml } from '../fn/yaml';
import { documentTextOf } from '../fn/kio/source-text';
import { flat } from '../fn/kio/resourcelist';
import { runKrmFunction } from './krm';
import { ALLOW_EXEC_PROVIDERS_ENV, EXEC_PROVIDER_ENV_ENV } from './external-providers';
import { readInputs, UnreadableInputError } from './inputs';
import { formatResult, hasErrors, reportOptionsOf, reportResults } from './report';
import { runRender } from './run-render';
import { OutputDirError, outputFilesOf, writeOutputDir } from './output-dir';
import { runDiffCommand } from './diff';
import { addDeliveryFlags, extraOptionsOf, objectsToPrint } from './commands/extra-options';
import { runKustomizePlugin } from './commands/kustomize-plugin';
import { runProfileFromManifest } from './commands/profile-from-manifest';
import { addOptionFlags, attachOptionalValues, optionFlagValues } from './option-flags';
import { chooseFunctionConfig } from './commands/found-config';
import { objectsForOutputDir } from './commands/output-inputs';
import { versionLine } from './version';
import { DESCRIPTION, commandHelpAfter, mainHelpAfter } from './help';

export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The terminal's width when stdout is one (help is wrapped to it); undefined when piped. */
  columns?: number;
  /** Whether stdin is a terminal: then nothing is piped in, and waiting for it would look like a hang. */
  stdinIsTTY?: boolean;
  /** Writes to stderr now (a prompt before reading the terminal), not with the rest at the end. */
  prompt?: (s: string) => void;
  /** Writes to stdout now: the KRM function's ResourceList as it is made (a fleet's is never all held). */
  stream?: (s: string) => void;
}

const NO_WRAP = 1_000_000;

const collectValues = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

function addRenderOptions(cmd: Command): Command {
  return addOptionFlags(cmd)
    .option('--allow-exec-providers <program>', `a program exec dependency providers may run: a path, or NAME=PATH for the provider NAME; repeatable (or ${ALLOW_EXEC_PROVIDERS_ENV}=a,b) (default: none)`, collectValues)
    .option('--exec-provider-env <name>', `an environment variable providers get besides PATH, HOME, LANG; repeatable (or ${EXEC_PROVIDER_ENV_ENV}=A,B); never the seed (default: none)`, collectValues);
}

/** `render -o DIR` (cli/output-dir.ts): the exit code; problems and warnings on stderr. */
function writeRenderOutput(dir: string, objects: KObject[], inputOwners: ReadonlyMap<KObject, string>, io: Io): number {
  if (objects.length === 0) {
    io.stderr(`warning: the input has no Backstage CR: nothing was written to ${dir} and nothing removed from it\n`);
    return 0;
  }
  try {
    const report = writeOutputDir(path.resolve(io.cwd, dir), outputFilesOf(objects, inputOwners), { shown: dir, onWait: (m) => io.stderr(`info: ${m}\n`) });
    for (const w of report.warnings) io.stderr(`warning: ${w}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof OutputDirError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 1;
  }
}

export function main(io: Io): number {
  if (io.argv.length === 0 && io.stdinIsTTY) {
    io.stderr('error: with no arguments backstage-render is a KRM function and reads a ResourceList on stdin, but stdin is a terminal: pipe one in, or run `backstage-render render FILE` (`backstage-render --help` for more)\n');
    return 1;
  }
  if (io.argv.length === 0) {
    const out = runKrmFunction(io.readStdin(), io.env, io.cwd, io.stream);
    for (const part of out.stdout) io.stdout(part);
    io.stderr(out.stderr);
    return out.exitCode;
  }
  let exitCode = 0;
  const program = new Command('backstage-render')
    .description(DESCRIPTION)
    .version(versionLine(), '-V, --version', 'print the version and the operator release the embedded profiles follow')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, getOutHelpWidth: () => io.columns ?? NO_WRAP, getErrHelpWidth: () => io.columns ?? NO_WRAP })
    .showHelpAfterError(false)
    .addHelpText('after', mainHelpAfter(io.columns));

  /** No path and a terminal on stdin is an error (not a silent wait); `-` on a terminal prompts. */
  const stdinReady = (paths: string[]): boolean => {
    if (!io.stdinIsTTY) return true;
    if (paths.length === 0) {
      io.stderr('error: no input: give YAML files or directories, or pipe YAML in (`-` reads it from the terminal)\n');
      exitCode = 1;
      return false;
    }
    if (paths.includes('-')) io.prompt?.('Reading YAML from the terminal; end it with Ctrl-D.\n');
    return true;
  };

  /** The options render and diff share: flags, delivery flags, --config; undefined after printing errors. */
  const doorOptionsOf = (opts: Record<string, unknown>) => {
    const extra = extraOptionsOf(opts, io.cwd);
    const flags = optionFlagValues(opts);
    if (extra.errors.length > 0 || flags.errors.length > 0) {
      for (const e of flags.errors) io.stderr(`${formatResult(e)}\n`);
      for (const e of extra.errors) io.stderr(`error: ${e}\n`);
      exitCode = 1;
      return undefined;
    }
    return { functionConfig: extra.functionConfig, flags: flags.flags, allowExecProviders: opts.allowExecProviders as string[] | undefined, execProviderEnv: opts.execProviderEnv as string[] | undefined };
  };

  addDeliveryFlags(addRenderOptions(
    program
      .command('render')
      .description('render CRs from YAML files, directories or - (stdin); print the objects to apply')
      .argument('[paths...]', 'YAML files, directories, or - for stdin (multi-document YAML or a ResourceList)')
      .option('-o, --output <dir>', 'write one file per object into this directory instead of stdout (default: stdout)')
      .addHelpText('after', commandHelpAfter('render', io.columns)),
  )).action((paths: string[], opts: Record<string, unknown>) => {
    const door = doorOptionsOf(opts);
    if (!door) return;
    if (!stdinReady(paths)) return;
    const inputs = readInputs(paths, io.readStdin);
    const chosen = chooseFunctionConfig({ items: inputs.items, paths, cwd: io.cwd, explicit: door.functionConfig, explicitFile: opts.config as string | undefined, fromResourceList: inputs.functionConfig });
    const rendered = hasErrors(chosen.results)
      ? { items: inputs.items, generated: [], results: [] }
      : runRender({
          items: chosen.items,
          functionConfig: chosen.functionConfig,
          flags: door.flags,
          env: io.env,
          cwd: io.cwd,
          allowExecProviders: door.allowExecProviders,
          execProviderEnv: door.execProviderEnv,
          writesFiles: opts.output !== undefined,
        });
    const out = { ...rendered, results: [...chosen.results, ...rendered.results] };
    reportResults(out.results, hasErrors(out.results) ? 1 : 0, reportOptionsOf(opts), io);
    if (hasErrors(out.results)) {
      exitCode = 1;
      return;
    }
    // -o DIR --include-inputs: the inputs the workloads name, beside the CR's rendered files.
    const { objects, inputOwners } = opts.output && opts.includeInputs === true ? objectsForOutputDir(out) : { objects: objectsToPrint(out, opts.includeInputs === true), inputOwners: new Map<KObject, string>() };
    if (opts.output) exitCode = writeRenderOutput(String(opts.output), objects, inputOwners, io);
    else objects.forEach((o, i) => io.stdout(flat(`${i > 0 ? '---\n' : ''}${documentTextOf(o) ?? stringifyYaml(o)}`)));
  });

  addDeliveryFlags(addRenderOptions(
    program
      .command('diff')
      .description('render, then compare with earlier output (a directory or YAML files) or a cluster export (kubectl get -o yaml); exit 0 same, 2 different, 1 error')
      .argument('[paths...]', 'YAML files, directories, or - for stdin, as for render')
      .option('--against <dir-or-file>', 'what to compare with: a directory of YAML files (e.g. render -o output) or a file (List or documents)')
      .addOption(new Option('--against-operator-version <version>', 'upgrade preview: compare with the same input rendered as this operator line (the upgrade from it to --operator-version) (default: none)').choices([...OPERATOR_VERSIONS]))
      .addOption(new Option('--format <format>', 'text: +/~/- lines per object; json: one document for machines (default: text)').choices(['text', 'json']))
      .addHelpText('after', commandHelpAfter('diff', io.columns)),
  )).action((paths: string[], opts: Record<string, unknown>) => {
    const door = doorOptionsOf(opts);
    if (!door) return;
    if (!stdinReady(paths)) return;
    exitCode = runDiffCommand({
      paths,
      against: opts.against as string | undefined,
      ...(opts.againstOperatorVersion ? { againstOperatorVersion: opts.againstOperatorVersion as OperatorVersion } : {}),
      ...(door.functionConfig ? { functionConfig: door.functionConfig, configFile: opts.config as string } : {}),
      includeInputs: opts.includeInputs === true,
      report: reportOptionsOf(opts),
      format: opts.format === 'json' ? 'json' : 'text',
      allowExecProviders: door.allowExecProviders,
      execProviderEnv: door.execProviderEnv,
      flags: door.flags,
      env: io.env,
      cwd: io.cwd,
      readStdin: io.readStdin,
      stdout: io.stdout,
      stderr: io.stderr,
    });
  });

  program
    .command('kustomize-plugin')
    .description('the legacy kustomize exec plugin protocol (delivery/kustomize-plugin): config file as argument, resources on stdin')
    .argument('<config>', 'the plugin config file kustomize passes')
    .action((config: string) => {
      exitCode = runKustomizePlugin(config, io);
    });

  program
    .command('profile-from-manifest')
    .description("turn the operator's install manifest (its default-config, flavour and plugin-deps ConfigMaps) into a profile directory for --profile")
    .argument('<install.yaml>', 'the install manifest, or - for stdin')
    .requiredOption('-o, --output <dir>', 'the profile directory to write (new or empty)')
    .action((manifest: string, opts: { output: string }) => {
      exitCode = runProfileFromManifest(manifest, opts.output, io);
    });

  try {
    program.parse(attachOptionalValues(io.argv), { from: 'user' });
  } catch (e) {
    // One exit-code table for every command (README, Exit codes): a usage error is an error in
    // the options, 1, as in every command (2 is diff's "differences found").
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    // A mistake in the input is one line and 1; anything else is a bug of ours, which the outcome
    // (cli/outcome.ts) reports as an internal error with exit 3, as for the KRM door.
    if (!(e instanceof UnreadableInputError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 1;
  }
  return exitCode;
}
