// The pure core: a ResourceList's items, options and profile in; the items to write and the
// results out. A pipeline of small stages, each in its own module:
//   collectInputs -> (per CR) validate, read CR, gather external config -> build the model
//   -> resolve plugin dependencies -> the dbSecret mode -> finish (marks, order, paths).
import { createHash } from 'node:crypto';
import { Diagnostics, RenderError, foldResults, strictResults } from './diagnostics';
import { InputObjects } from './inputs';
import type { KObject, Result } from './kio/types';
import { ANNOTATION_LOCAL_CONFIG, ANNOTATION_RENDERED_FROM, isLocalConfig } from './kio/types';
import { generatedPath, markGenerated, renderedFromValue, setAnnotation, sortObjects, withPathAnnotations } from './finish';
import type { RenderOptions } from './options';
import type { Profile } from './profile/profile';
import { profileFromInstallManifest } from './profile/install-manifest';
import { SUPPORTED_BACKSTAGE_API_VERSIONS, validateBackstageCR } from './validate/cr-schema';
import { readBackstageCR, isLocalDbEnabled } from './model/cr';
import { collectExternalConfig } from './model/external-config';
import { dbSecretName, dbServiceName } from './model/db-password';
import { buildBackstageModel } from './model/build-model';
import { buildServiceMonitor } from './model/monitor';
import type { DependencyProvider } from './plugins/deps';
import { ANNOTATION_DEPENDENCY_OF, profileDependencyProvider, resolvePluginDependencies, rewriteDependenciesForExternalDatabase } from './plugins/deps';
import { renderPluginInfra } from './plugin-infra';
import { applyDeliveryOptions, containerImages, reportUnusedPins, stableJson } from './delivery';
import { applyDbSecretMode, type SealingCertificate } from './db-secret-modes';
import { DEFAULT_OPERATOR_VERSION, type OperatorVersion } from './versions';
import { keepWithAnnotation } from './kio/source-text';

export const BACKSTAGE_GROUP = 'rhdh.redhat.com';

export function isBackstageCR(o: KObject): boolean {
  return o.kind === 'Backstage' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(`${BACKSTAGE_GROUP}/`);
}

/**
 * An object that is almost a Backstage CR: kind `Backstage` in another group (or none), or a kind
 * that differs from `Backstage` in case only. Passed through, it would render nothing: under
 * Argo CD with pruning, every Developer Hub object would then be deleted. So it is an error.
 */
export function nearMissBackstageCR(o: KObject): { path: string; message: string } | undefined {
  if (isBackstageCR(o) || typeof o.kind !== 'string' || o.kind.toLowerCase() !== 'backstage') return undefined;
  const accepted = `a Backstage CR has apiVersion ${SUPPORTED_BACKSTAGE_API_VERSIONS.join(', ')} and kind Backstage`;
  if (o.kind !== 'Backstage') return { path: 'kind', message: `kind ${JSON.stringify(o.kind)} is not "Backstage" (kinds are case-sensitive); ${accepted}` };
  return { path: 'apiVersion', message: `apiVersion ${JSON.stringify(o.apiVersion ?? null)} is not a Backstage API version; ${accepted}` };
}

export interface RenderRequest {
  items: KObject[];
  options: RenderOptions;
  /** The profile named by options.profile, loaded by the door; profile ConfigMaps in the items win over it. */
  profile?: Profile;
  /** Dependency providers the door built (external functions); the profile's own files are always a provider. */
  extraProviders?: DependencyProvider[];
  /** dbSecret sealed-secrets: the controller's certificate, read by the door from the sealedSecretsCert path. */
  sealingCertificate?: SealingCertificate;
  /** The door writes the output to files (-o DIR, kpt, kustomize), where it may be committed. */
  writesFiles?: boolean;
}

export interface RenderResponse {
  /** Everything to hand back to the orchestrator: pass-through items, the CRs (local-config), generated objects. */
  items: KObject[];
  /** Only the generated objects, to apply (what the CLI prints). */
  generated: KObject[];
  results: Result[];
}

interface CollectedInputs {
  crs: KObject[];
  passthrough: KObject[];
  inputs: InputObjects;
  previousByCr: Map<string, KObject[]>;
  profileConfigMaps: KObject[];
  /** local-config Deployments: an install manifest's manager, whose image tag names the operator line. */
  profileDeployments: KObject[];
}

/** Sorts the items into CRs, earlier output of ours, and everything else. */
export function collectInputs(items: KObject[]): CollectedInputs {
  const crs: KObject[] = [];
  const previousByCr = new Map<string, KObject[]>();
  const others: KObject[] = [];
  for (const item of items) {
    const from = item.metadata?.annotations?.[ANNOTATION_RENDERED_FROM];
    if (from !== undefined) {
      // An earlier run's output: replaced by this run, but read for values to keep (the DB password).
      const list = previousByCr.get(from) ?? [];
      list.push(item);
      previousByCr.set(from, list);
      continue;
    }
    if (isBackstageCR(item)) crs.push(item);
    else others.push(item);
  }
  return {
    crs,
    passthrough: others,
    inputs: new InputObjects(others),
    previousByCr,
    profileConfigMaps: others.filter((o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1' && isLocalConfig(o)),
    profileDeployments: others.filter((o) => o.kind === 'Deployment' && o.apiVersion === 'apps/v1' && isLocalConfig(o)),
  };
}

/** What the API server tells objects apart by: group (not version), kind, namespace, name. */
function objectIdentity(o: KObject): string {
  const slash = o.apiVersion.indexOf('/');
  return `${slash >= 0 ? o.apiVersion.slice(0, slash) : ''}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name ?? ''}`;
}

function crKey(o: KObject, defaultNs: string): string {
  return renderedFromValue(o.metadata?.namespace ?? defaultNs, o.metadata?.name ?? '');
}

/**
 * Where a render hands its items, in output order, each once it is final: `generated` is the
 * object as the CLI prints it (without the orchestrator's path annotations), for generated items.
 */
export type ItemSink = (item: KObject, generated?: KObject) => void;

/** Renders every Backstage CR in the items. Pure: same request, same response, byte for byte. */
export function renderBackstage(req: RenderRequest): RenderResponse {
  const items: KObject[] = [];
  const generated: KObject[] = [];
  const out = renderBackstageTo(req, (item, gen) => {
    items.push(item);
    if (gen) generated.push(gen);
  });
  // Never a half-rendered result: on any error (with strict, a warning too) the items go back as they came.
  if (out.results.some((r) => r.severity === 'error')) return { items: out.early ? req.items : sortObjects(req.items), generated: [], results: out.results };
  return { items, generated, results: out.results };
}

/**
 * renderBackstage, handing each item to `sink` as soon as it is final, so that a fleet's output is
 * never all held (fn/kio/resourcelist.ts ResourceListWriter writes it as it comes). The order:
 * the items passed on (sorted: compareObjects), the plugin infrastructure (pluginInfra), then each
 * CR in the order of its namespace/name, marked local-config, followed by the objects rendered
 * from it (sorted). Output order does not depend on input order. Cross-CR checks keep identities
 * and content digests only. After an error every item still to come is handed on as it came (and
 * the earlier runs' output that would have been replaced too): the caller then exits non-zero,
 * and orchestrators discard the list. `early`: the error came before any item was handed on.
 */
export function renderBackstageTo(req: RenderRequest, sink: ItemSink): { results: Result[]; early: boolean } {
  const diag = new Diagnostics();
  const collected = collectInputs(req.items);
  const defaultNs = req.options.namespace ?? 'default';
  const asTheyCame = (): { results: Result[]; early: boolean } => {
    for (const o of req.items) sink(o);
    return { results: diag.results, early: true };
  };

  // A profile in the install manifest's form (ConfigMaps marked local-config) wins over options.profile.
  let profile = req.profile;
  if (collected.profileConfigMaps.some((cm) => /(^|-)default-config$/.test(cm.metadata?.name ?? ''))) {
    try {
      const fromManifest = profileFromInstallManifest([...collected.profileConfigMaps, ...collected.profileDeployments], 'install-manifest ConfigMaps in the input');
      profile = fromManifest.profile;
      diag.info(`profile: read from the install-manifest ConfigMaps in the input (${fromManifest.used.map((o) => o.metadata.name).join(', ')}), not "${req.options.profile}"`);
    } catch (e) {
      if (!(e instanceof RenderError)) throw e;
      diag.error(e.message, e.where);
      return asTheyCame();
    }
  }
  if (!profile) {
    diag.error(`no profile: "${req.options.profile}" could not be loaded`);
    return asTheyCame();
  }

  const version = operatorVersionFor(req.options, profile, diag);
  if (!version) return asTheyCame();

  reportDuplicateInputs(collected.passthrough, diag);
  for (const o of collected.passthrough) {
    const nearMiss = nearMissBackstageCR(o);
    if (nearMiss) diag.error(nearMiss.message, { ref: o, path: nearMiss.path });
  }

  if (collected.crs.length === 0 && !diag.hasErrors()) {
    diag.warning(`no Backstage custom resource (apiVersion ${BACKSTAGE_GROUP}/v1alpha5, kind Backstage) in the input; nothing to render`);
  }

  // A CR given twice is found before anything is written (then nothing is rendered).
  const sortedCrs = collected.crs.map((o) => ({ o, key: crKey(o, defaultNs) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const duplicates = new Set<KObject>();
  for (let i = 1; i < sortedCrs.length; i++) {
    if (sortedCrs[i].key !== sortedCrs[i - 1].key) continue;
    diag.error(`duplicate Backstage ${sortedCrs[i].key}: each CR may appear once`, { ref: sortedCrs[i].o });
    duplicates.add(sortedCrs[i].o);
  }
  // An error (or with strict, a warning: an error there) stops the rendering of what is still to come.
  const failing = () => diag.hasErrors() || (req.options.strict === true && diag.warningCount() > 0);
  for (const o of sortObjects(collected.passthrough)) sink(o);
  const providers: DependencyProvider[] = [...(req.extraProviders ?? []), profileDependencyProvider(profile)];
  const crNamespace = (o: KObject) => (typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : req.options.namespace || 'default');
  const output = new GeneratedIdentities(sortedCrs.map((c) => crNamespace(c.o)), diag);
  const images = new Set<string>();
  // The cluster's plugin infrastructure first (namespaces, operators' subscriptions): what the CRs' objects may need.
  if (req.options.pluginInfra) {
    const infra = applyDeliveryOptions(renderPluginInfra(profile, diag), req.options, diag).map((o) => markGenerated(o, 'cluster', 'plugin-infra'));
    for (const image of containerImages(infra)) images.add(image);
    if (!failing()) emitGenerated(infra, 'cluster', 'plugin-infra', output, sink);
  }
  const renderedCrs = new Set<string>();
  for (const { o: crObj } of sortedCrs) {
    if (duplicates.has(crObj)) {
      sink(crObj);
      continue;
    }
    const rendered = renderOne(crObj, req, collected, version, profile, providers, diag);
    if (!rendered || failing()) {
      sink(crObj);
      continue;
    }
    sink(markLocalConfig(crObj));
    renderedCrs.add(renderedFromValue(rendered.namespace, rendered.name));
    for (const image of containerImages(rendered.objects)) images.add(image);
    emitGenerated(rendered.objects, rendered.namespace, rendered.name, output, sink);
  }

  // Pins are checked over the whole output: one CR may use an image another does not.
  reportUnusedPins(images, req.options, diag);
  output.reportShared();

  // An earlier run's output is replaced by its CR's, or, where that was not rendered, goes back as it came.
  if (failing()) for (const [from, list] of collected.previousByCr) if (!renderedCrs.has(from)) for (const o of list) sink(o);
  const folded = foldResults(diag.results);
  return { results: req.options.strict ? strictResults(folded) : folded, early: false };
}

/** One CR's objects, marked as rendered from it; undefined when it has errors. */
function renderOne(
  crObj: KObject,
  req: RenderRequest,
  collected: CollectedInputs,
  version: OperatorVersion,
  profile: Profile,
  providers: DependencyProvider[],
  diag: Diagnostics,
): { objects: KObject[]; namespace: string; name: string } | undefined {
  const errorsBefore = diag.errorCount();
  if (!validateBackstageCR(crObj, diag)) return undefined;
  const cr = readBackstageCR(crObj, req.options.namespace, diag, version);
  if (!cr) return undefined;
  const previous = new InputObjects(collected.previousByCr.get(renderedFromValue(cr.namespace, cr.name)) ?? []);
  const external = collectExternalConfig(cr, collected.inputs, req.options, diag);
  const model = buildBackstageModel({ cr, external, profile, options: req.options, version, inputs: collected.inputs, previous, diag });
  // The operator's controller (monitor.go), not its model, creates the ServiceMonitor.
  const monitor = model.objects.length > 0 ? buildServiceMonitor(cr) : undefined;
  if (monitor) model.objects.push(monitor);
  let deps: KObject[] = [];
  if (model.dynamicPlugins) {
    const crWithNs = { ...crObj, metadata: { ...crObj.metadata, namespace: cr.namespace } };
    deps = resolvePluginDependencies(model.dynamicPlugins, crWithNs, providers, diag, {}, { enabledKey: version === 'main' });
    const authSecret = cr.spec?.database?.authSecretName;
    if (!isLocalDbEnabled(cr) && typeof authSecret === 'string' && authSecret !== '') {
      deps = rewriteDependenciesForExternalDatabase(
        deps,
        { localDbSecretName: dbSecretName(cr.name), userSecretName: authSecret, localDbServiceName: dbServiceName(cr.name) },
        diag,
      );
    }
  }
  const objects = applyDbSecretMode(model.objects, {
    cr,
    options: req.options,
    inputs: collected.inputs,
    previous,
    ...(req.sealingCertificate ? { sealingCertificate: req.sealingCertificate } : {}),
    writesFiles: req.writesFiles === true,
    diag,
  });
  if (diag.errorCount() > errorsBefore) return undefined;
  const delivered = applyDeliveryOptions([...objects, ...deps], req.options, diag);
  if (diag.errorCount() > errorsBefore) return undefined;
  return { objects: delivered.map((o) => markGenerated(o, cr.namespace, cr.name)), namespace: cr.namespace, name: cr.name };
}

/** A CR's objects, sorted, each with the file kpt writes it to; those another CR already rendered left out. */
function emitGenerated(objects: KObject[], crNamespace: string, crName: string, output: GeneratedIdentities, sink: ItemSink): void {
  const own = new Map<string, KObject>();
  for (const o of sortObjects(objects)) {
    if (!output.admit(o, crNamespace, own)) continue;
    own.set(objectIdentity(o), o);
    sink(withPathAnnotations(o, generatedPath(crNamespace, crName, o)), o);
  }
}

/**
 * The identities of the objects rendered so far, for the cross-CR check: two objects with one
 * identity would overwrite each other when applied. The same content (e.g. a fixed-name
 * NetworkPolicy two CRs' plugins need) is rendered once; different content (e.g. two
 * orchestrators' sonataflow-platform in one namespace) is an error. The objects are written as
 * they come, so what is kept is the CR that rendered each identity first and, for an object
 * another CR could render too, a digest of its content: a plugin dependency (names fixed by the
 * profile), the plugin infrastructure, an object outside its CR's namespace, or any object of a
 * namespace that holds more than one CR. An object of a CR alone in its namespace, inside it, has
 * names of that CR's own (backstage-<name>…): another CR with its identity is an error.
 */
class GeneratedIdentities {
  private readonly first = new Map<string, { cr: string; digest?: string }>();
  /** One info per shared object, however many CRs share it (a fleet would say it per pair). */
  private readonly shared = new Map<string, { ref: KObject; crs: string[] }>();
  private readonly crowded = new Set<string>();

  constructor(
    crNamespaces: string[],
    private readonly diag: Diagnostics,
  ) {
    const seen = new Set<string>();
    for (const ns of crNamespaces) {
      if (seen.has(ns)) this.crowded.add(ns);
      seen.add(ns);
    }
  }

  private mayBeShared(o: KObject, crNamespace: string): boolean {
    return (
      o.metadata.annotations?.[ANNOTATION_DEPENDENCY_OF] !== undefined ||
      crNamespace === 'cluster' ||
      o.metadata.namespace !== crNamespace ||
      this.crowded.has(crNamespace)
    );
  }

  /** Whether `o` is to be written: false when another object already has its identity (an info or an error then). */
  admit(o: KObject, crNamespace: string, own: Map<string, KObject>): boolean {
    const id = objectIdentity(o);
    const from = String(o.metadata.annotations?.[ANNOTATION_RENDERED_FROM]);
    const earlier = this.first.get(id);
    if (!earlier) {
      this.first.set(id, { cr: from, ...(this.mayBeShared(o, crNamespace) ? { digest: contentDigest(o) } : {}) });
      return true;
    }
    const mine = own.get(id);
    const earlierDigest = earlier.digest ?? (mine ? contentDigest(mine) : undefined);
    if (earlierDigest !== undefined && earlierDigest === contentDigest(o)) {
      const shared = this.shared.get(id) ?? { ref: o, crs: [earlier.cr] };
      shared.crs.push(from);
      this.shared.set(id, shared);
    } else {
      const what = `${o.kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`;
      this.diag.error(
        `${what} would be created by both ${earlier.cr} and ${from}, with different content; its name is fixed (the profile's plugin-deps), so render these CRs into different namespaces`,
        { ref: o },
      );
    }
    return false;
  }

  reportShared(): void {
    for (const { ref: o, crs } of this.shared.values()) {
      const what = `${o.kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`;
      const by = crs.length === 2 ? `both ${crs[0]} and ${crs[1]}` : `${crs.length} CRs (${crs.slice(0, 3).join(', ')}${crs.length > 3 ? ` and ${crs.length - 3} more` : ''})`;
      this.diag.info(`${what} is needed by ${by} with the same content; rendered once, with ${crs[0]}`, { ref: o });
    }
  }
}

/**
 * The operator line to render as: the option, else the profile's own (an install manifest's
 * manager image), else the default. Options only one line has are checked here.
 */
function operatorVersionFor(options: RenderOptions, profile: Profile, diag: Diagnostics): OperatorVersion | undefined {
  const version = options.operatorVersion ?? profile.operatorVersion ?? DEFAULT_OPERATOR_VERSION;
  if (options.operatorVersion && profile.operatorVersion && options.operatorVersion !== profile.operatorVersion) {
    diag.info(`rendering as operator ${options.operatorVersion} (operatorVersion), with profile ${profile.name} of operator ${profile.operatorVersion}`);
  }
  if (options.dynamicPluginsProcessing && version !== 'main') {
    diag.error(`option "dynamicPluginsProcessing" is the operator's OPERATOR_DP_PROCESSING mode, which only main has; operator ${version} has no such mode (set operatorVersion: main, or drop the option)`);
    return undefined;
  }
  return version;
}

/** The CR marked local-config; its source text (fn/kio/source-text.ts) gets the one line too, the rest as it came. */
function markLocalConfig(cr: KObject): KObject {
  const out = { ...cr, metadata: { ...cr.metadata } } as KObject;
  setAnnotation(out, ANNOTATION_LOCAL_CONFIG, 'true');
  keepWithAnnotation(cr, out, ANNOTATION_LOCAL_CONFIG, 'true');
  return out;
}

/**
 * Two input objects with one identity: the model would use the first, and a cluster would keep
 * whichever was applied last. Different content is an error; identical copies a warning.
 */
function reportDuplicateInputs(objects: KObject[], diag: Diagnostics): void {
  const seen = new Map<string, KObject>();
  for (const o of objects) {
    if (!o.metadata?.name) continue;
    const id = objectIdentity(o);
    const first = seen.get(id);
    if (!first) {
      seen.set(id, o);
      continue;
    }
    const what = `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
    if (sameContent(first, o)) diag.warning(`${what} appears twice in the input (the same content); one is used`, { ref: o });
    else diag.error(`${what} appears twice in the input with different content; keep one (the cluster would keep whichever is applied last)`, { ref: o });
  }
}

/** The object as compared for sameness: without the orchestrator's notes of where it came from. */
function comparable(o: KObject): string {
  const annotations = { ...(o.metadata.annotations ?? {}) };
  for (const k of Object.keys(annotations)) if (k.startsWith('internal.config.kubernetes.io/') || k.startsWith('config.kubernetes.io/path') || k.startsWith('config.kubernetes.io/index')) delete annotations[k];
  return stableJson({ ...o, metadata: { ...o.metadata, annotations } });
}

/** Same object, ignoring where the orchestrator says it came from. */
function sameContent(a: KObject, b: KObject): boolean {
  return comparable(a) === comparable(b);
}

/** A digest of what a generated object holds, apart from which CR and plugin it was rendered for. */
function contentDigest(o: KObject): string {
  return createHash('sha256').update(comparable(withoutOwnership(o))).digest('base64');
}

/** An object without the annotations that say which CR and plugin it was rendered for. */
function withoutOwnership(o: KObject): KObject {
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[ANNOTATION_RENDERED_FROM];
  delete annotations[ANNOTATION_DEPENDENCY_OF];
  return { ...o, metadata: { ...o.metadata, annotations } };
}
