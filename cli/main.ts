// The command-line door. With no arguments and a ResourceList on stdin it is the KRM function
// (kpt, kustomize); `render` prints the objects to apply; `--help` is what `kpt fn doc` shows.
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { DB_SECRET_MODES, type RenderOptions } from '../fn/options';
import type { KObject } from '../fn/kio/types';
import { DEFAULT_OPERATOR_VERSION, OPERATOR_VERSIONS, type OperatorVersion } from '../fn/versions';
import { stringifyYaml } from '../fn/yaml';
import { documentTextOf } from '../fn/kio/source-text';
import { flat } from '../fn/kio/resourcelist';
import { runKrmFunction } from './krm';
import { ALLOW_EXEC_PROVIDERS_ENV, EXEC_PROVIDER_ENV_ENV } from './external-providers';
import { readInputs } from './inputs';
import { formatResult, hasErrors } from './report';
import { runRender, SECRET_SEED_ENV } from './run-render';
import { OutputDirError, outputFilesOf, writeOutputDir } from './output-dir';
import { runDiffCommand } from './diff';
import { addDeliveryFlags, extraOptionsOf, objectsToPrint } from './commands/extra-options';
import { runKustomizePlugin } from './commands/kustomize-plugin';
import { runProfileFromManifest } from './commands/profile-from-manifest';
import { versionLine } from './version';

export interface Io {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const DESCRIPTION = `Render a Backstage / Red Hat Developer Hub custom resource (rhdh.redhat.com Backstage) into the
Kubernetes objects the rhdh-operator would create: Deployment, Services, Route, local PostgreSQL,
app-config and dynamic-plugins ConfigMaps, and the plugin dependencies its dynamic plugins need.

As a KRM function (no arguments, ResourceList on stdin), for kpt and kustomize:
  kpt fn eval DIR --exec ./bin/backstage-render -- platform=kubernetes
  kpt fn render DIR --allow-exec        (Kptfile pipeline.mutators[].exec: ./bin/backstage-render)
  kustomize build --enable-alpha-plugins --enable-exec DIR

functionConfig: a ConfigMap with options under data, or
  apiVersion: fn.kpt.dev/v1alpha1
  kind: RenderBackstage
  spec: {platform, profile, operatorVersion, ingressDomain, secretSeed, backstageImage, postgresqlImage,
         catalogIndexImage, omitDbSecret, dbSecret, sealedSecretsCert, pluginInfra,
         dynamicPluginsProcessing, installDynamicPluginsImage, namespace}

The secret seed derives the local database password; pass it in the environment as
${SECRET_SEED_ENV} rather than in a committed file.`;

const collectValues = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

function addRenderOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--platform <platform>', 'target platform').choices(['openshift', 'kubernetes']))
    .option('--profile <name-or-dir>', 'embedded profile (rhdh, backstage.io) or an operator profile directory (default: rhdh)')
    .addOption(new Option('--operator-version <version>', `the operator release line to render as (default: the profile's, else ${DEFAULT_OPERATOR_VERSION})`).choices([...OPERATOR_VERSIONS]))
    .option('--ingress-domain <domain>', 'cluster ingress domain, for Route hosts and base URLs')
    .option('--secret-seed <seed>', `key for the local DB password (prefer the ${SECRET_SEED_ENV} environment variable)`)
    .option('--backstage-image <image>', 'Backstage image (the operator\'s RELATED_IMAGE_backstage)')
    .option('--postgresql-image <image>', 'PostgreSQL image (RELATED_IMAGE_postgresql)')
    .option('--catalog-index-image <image>', 'catalog index image (RELATED_IMAGE_catalog_index)')
    .option('--omit-db-secret', 'leave the generated DB Secret out (create it out of band); the same as --db-secret omit')
    .addOption(new Option('--db-secret <mode>', 'the local DB Secret: plain (password in plaintext), omit, sealed-secrets (a SealedSecret), external-secrets (made by ESO in the cluster) (default: plain)').choices([...DB_SECRET_MODES]))
    .option('--sealed-secrets-cert <pem-file>', "--db-secret sealed-secrets: the controller's public certificate (kubeseal --fetch-cert)")
    .option('--plugin-infra', "also emit the profile's cluster-scoped plugin-infra objects")
    .option('--dynamic-plugins-processing', "resolve dynamic plugins operator-side (the operator's OPERATOR_DP_PROCESSING)")
    .option('--install-dynamic-plugins-image <image>', "install-dynamic-plugins image with --dynamic-plugins-processing (the operator's INSTALL_DP_IMAGE)")
    .option('--namespace <ns>', 'namespace for CRs that have none (default: default)')
    .option('--allow-exec-providers <program>', `a program exec dependency providers may run: a path, or NAME=PATH for the provider NAME; repeatable (or ${ALLOW_EXEC_PROVIDERS_ENV}=a,b)`, collectValues)
    .option('--exec-provider-env <name>', `an environment variable providers get besides PATH, HOME, LANG; repeatable (or ${EXEC_PROVIDER_ENV_ENV}=A,B); never the seed`, collectValues);
}

function flagsOf(o: Record<string, unknown>): Partial<RenderOptions> {
  const flags: Partial<RenderOptions> = {};
  const map: Array<[string, keyof RenderOptions]> = [
    ['platform', 'platform'],
    ['profile', 'profile'],
    ['operatorVersion', 'operatorVersion'],
    ['ingressDomain', 'ingressDomain'],
    ['secretSeed', 'secretSeed'],
    ['backstageImage', 'backstageImage'],
    ['postgresqlImage', 'postgresqlImage'],
    ['catalogIndexImage', 'catalogIndexImage'],
    ['omitDbSecret', 'omitDbSecret'],
    ['dbSecret', 'dbSecret'],
    ['sealedSecretsCert', 'sealedSecretsCert'],
    ['pluginInfra', 'pluginInfra'],
    ['dynamicPluginsProcessing', 'dynamicPluginsProcessing'],
    ['installDynamicPluginsImage', 'installDynamicPluginsImage'],
    ['namespace', 'namespace'],
  ];
  for (const [from, to] of map) if (o[from] !== undefined) (flags as Record<string, unknown>)[to] = o[from];
  return flags;
}

/** `render -o DIR` (cli/output-dir.ts): the exit code; problems and warnings on stderr. */
function writeRenderOutput(dir: string, objects: KObject[], io: Io): number {
  if (objects.length === 0) {
    io.stderr(`warning: the input has no Backstage CR: nothing was written to ${dir} and nothing removed from it\n`);
    return 0;
  }
  try {
    const report = writeOutputDir(path.resolve(io.cwd, dir), outputFilesOf(objects), { shown: dir, onWait: (m) => io.stderr(`info: ${m}\n`) });
    for (const w of report.warnings) io.stderr(`warning: ${w}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof OutputDirError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 1;
  }
}

export function main(io: Io): number {
  if (io.argv.length === 0) {
    const out = runKrmFunction(io.readStdin(), io.env, io.cwd);
    for (const part of out.stdout) io.stdout(part);
    io.stderr(out.stderr);
    return out.exitCode;
  }
  let exitCode = 0;
  const program = new Command('backstage-render')
    .description(DESCRIPTION)
    .version(versionLine(), '-V, --version', 'print the version and the operator release the embedded profiles follow')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);

  /** The options render and diff share: flags, delivery flags, --config; undefined after printing errors. */
  const doorOptionsOf = (opts: Record<string, unknown>) => {
    const extra = extraOptionsOf(opts, io.cwd);
    if (extra.errors.length > 0) {
      for (const e of extra.errors) io.stderr(`error: ${e}\n`);
      exitCode = 1;
      return undefined;
    }
    return { functionConfig: extra.functionConfig, flags: { ...flagsOf(opts), ...extra.flags }, allowExecProviders: opts.allowExecProviders as string[] | undefined, execProviderEnv: opts.execProviderEnv as string[] | undefined };
  };

  addDeliveryFlags(addRenderOptions(
    program
      .command('render')
      .description('render CRs from YAML files, directories or - (stdin); print the objects to apply')
      .argument('[paths...]', 'YAML files, directories, or - for stdin (multi-document YAML or a ResourceList)')
      .option('-o, --output <dir>', 'write one file per object into this directory instead of stdout'),
  )).action((paths: string[], opts: Record<string, unknown>) => {
    const door = doorOptionsOf(opts);
    if (!door) return;
    const inputs = readInputs(paths, io.readStdin);
    const out = runRender({
      items: inputs.items,
      functionConfig: door.functionConfig ?? inputs.functionConfig,
      flags: door.flags,
      env: io.env,
      cwd: io.cwd,
      allowExecProviders: door.allowExecProviders,
      execProviderEnv: door.execProviderEnv,
      writesFiles: opts.output !== undefined,
    });
    for (const r of out.results) io.stderr(`${formatResult(r)}\n`);
    if (hasErrors(out.results)) {
      exitCode = 1;
      return;
    }
    const objects = objectsToPrint(out, opts.includeInputs === true);
    if (opts.output) exitCode = writeRenderOutput(String(opts.output), objects, io);
    else objects.forEach((o, i) => io.stdout(flat(`${i > 0 ? '---\n' : ''}${documentTextOf(o) ?? stringifyYaml(o)}`)));
  });

  addDeliveryFlags(addRenderOptions(
    program
      .command('diff')
      .description('render, then compare with earlier output (a directory or YAML files) or a cluster export (kubectl get -o yaml); exit 0 same, 2 different, 1 error')
      .argument('[paths...]', 'YAML files, directories, or - for stdin, as for render')
      .option('--against <dir-or-file>', 'what to compare with: a directory of YAML files (e.g. render -o output) or a file (List or documents)')
      .addOption(new Option('--against-operator-version <version>', 'upgrade preview: compare with the same input rendered as this operator line (the upgrade from it to --operator-version)').choices([...OPERATOR_VERSIONS])),
  )).action((paths: string[], opts: Record<string, unknown>) => {
    const door = doorOptionsOf(opts);
    if (!door) return;
    exitCode = runDiffCommand({
      paths,
      against: opts.against as string | undefined,
      ...(opts.againstOperatorVersion ? { againstOperatorVersion: opts.againstOperatorVersion as OperatorVersion } : {}),
      ...(door.functionConfig ? { functionConfig: door.functionConfig } : {}),
      includeInputs: opts.includeInputs === true,
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
    program.parse(io.argv, { from: 'user' });
  } catch (e) {
    // One exit-code table for every command (README, Exit codes): a usage error is an error in
    // the options, 1, as in every command (2 is diff's "differences found").
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    io.stderr(`error: ${(e as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
