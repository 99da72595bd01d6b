// The pure core: a ResourceList's items, options and profile in; the items to write and the
// results out. A pipeline of small stages, each in its own module:
//   collectInputs -> (per CR) validate, read CR, gather external config -> build the model
//   -> resolve plugin dependencies -> the dbSecret mode -> finish (marks, order, paths).
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
import { profileDependencyProvider, resolvePluginDependencies, rewriteDependenciesForExternalDatabase } from './plugins/deps';
import { renderPluginInfra } from './plugin-infra';
import { applyDeliveryOptions, reportUnusedPins, stableJson } from './delivery';
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

/** Renders every Backstage CR in the items. Pure: same request, same response, byte for byte. */
export function renderBackstage(req: RenderRequest): RenderResponse {
  const diag = new Diagnostics();
  const collected = collectInputs(req.items);
  const defaultNs = req.options.namespace ?? 'default';

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
      return { items: req.items, generated: [], results: diag.results };
    }
  }
  if (!profile) {
    diag.error(`no profile: "${req.options.profile}" could not be loaded`);
    return { items: req.items, generated: [], results: diag.results };
  }

  const version = operatorVersionFor(req.options, profile, diag);
  if (!version) return { items: req.items, generated: [], results: diag.results };

  reportDuplicateInputs(collected.passthrough, diag);
  for (const o of collected.passthrough) {
    const nearMiss = nearMissBackstageCR(o);
    if (nearMiss) diag.error(nearMiss.message, { ref: o, path: nearMiss.path });
  }

  if (collected.crs.length === 0 && !diag.hasErrors()) {
    diag.warning(`no Backstage custom resource (apiVersion ${BACKSTAGE_GROUP}/v1alpha5, kind Backstage) in the input; nothing to render`);
  }

  const providers: DependencyProvider[] = [...(req.extraProviders ?? []), profileDependencyProvider(profile)];
  const generated: KObject[] = [];
  const crsOut: KObject[] = [];
  const sortedCrs = collected.crs.map((o) => ({ o, key: crKey(o, defaultNs) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const seen = new Set<string>();
  for (const { o: crObj, key } of sortedCrs) {
    if (seen.has(key)) {
      diag.error(`duplicate Backstage ${key}: each CR may appear once`, { ref: crObj });
      continue;
    }
    seen.add(key);
    crsOut.push(markLocalConfig(crObj));
    const errorsBefore = diag.errorCount();
    if (!validateBackstageCR(crObj, diag)) continue;
    const cr = readBackstageCR(crObj, req.options.namespace, diag, version);
    if (!cr) continue;
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
    const errorsAfter = diag.errorCount();
    if (errorsAfter > errorsBefore) continue;
    for (const o of applyDeliveryOptions([...objects, ...deps], req.options, diag)) generated.push(markGenerated(o, cr.namespace, cr.name));
  }

  if (req.options.pluginInfra) {
    for (const o of applyDeliveryOptions(renderPluginInfra(profile, diag), req.options, diag)) generated.push(markGenerated(o, 'cluster', 'plugin-infra'));
  }
  // Pins are checked over the whole output: one CR may use an image another does not.
  reportUnusedPins(generated, req.options, diag);

  // Two objects with one identity would overwrite each other when applied: the same content
  // (e.g. a fixed-name NetworkPolicy two CRs' plugins need) is rendered once; different content
  // (e.g. two orchestrators' sonataflow-platform in one namespace) is an error.
  const ids = new Map<string, KObject>();
  const unique: KObject[] = [];
  // One info per shared object, however many CRs share it (a fleet would say it per pair).
  const sharedBy = new Map<string, { object: KObject; crs: string[] }>();
  for (const o of generated) {
    const id = objectIdentity(o);
    const other = ids.get(id);
    if (!other) {
      ids.set(id, o);
      unique.push(o);
      continue;
    }
    const what = `${o.kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`;
    const first = other.metadata.annotations?.[ANNOTATION_RENDERED_FROM];
    const second = o.metadata.annotations?.[ANNOTATION_RENDERED_FROM];
    if (sameContent(withoutOwnership(other), withoutOwnership(o))) {
      const shared = sharedBy.get(id) ?? { object: o, crs: [String(first)] };
      shared.crs.push(String(second));
      sharedBy.set(id, shared);
    } else {
      diag.error(
        `${what} would be created by both ${first} and ${second}, with different content; its name is fixed (the profile's plugin-deps), so render these CRs into different namespaces`,
        { ref: o },
      );
    }
  }
  for (const { object: o, crs } of sharedBy.values()) {
    const what = `${o.kind} ${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`;
    const by = crs.length === 2 ? `both ${crs[0]} and ${crs[1]}` : `${crs.length} CRs (${crs.slice(0, 3).join(', ')}${crs.length > 3 ? ` and ${crs.length - 3} more` : ''})`;
    diag.info(`${what} is needed by ${by} with the same content; rendered once, with ${crs[0]}`, { ref: o });
  }

  const folded = foldResults(diag.results);
  const results = req.options.strict ? strictResults(folded) : folded;
  if (results.some((r) => r.severity === 'error')) {
    // Never a half-rendered result: on any error the items go back as they came (in the stable order).
    return { items: sortObjects(req.items), generated: [], results };
  }
  const sortedGenerated = sortObjects(unique);
  const withPaths = sortedGenerated.map((o) => {
    const [ns, name] = (o.metadata.annotations?.[ANNOTATION_RENDERED_FROM] ?? 'cluster/plugin-infra').split('/');
    return withPathAnnotations(o, generatedPath(ns, name, o));
  });
  return {
    items: sortObjects([...collected.passthrough, ...crsOut, ...withPaths]),
    generated: sortedGenerated,
    results,
  };
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

/** Same object, ignoring where the orchestrator says it came from. */
function sameContent(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => {
    const annotations = { ...(o.metadata.annotations ?? {}) };
    for (const k of Object.keys(annotations)) if (k.startsWith('internal.config.kubernetes.io/') || k.startsWith('config.kubernetes.io/path') || k.startsWith('config.kubernetes.io/index')) delete annotations[k];
    return stableJson({ ...o, metadata: { ...o.metadata, annotations } });
  };
  return strip(a) === strip(b);
}

/** An object without the annotations that say which CR and plugin it was rendered for. */
function withoutOwnership(o: KObject): KObject {
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[ANNOTATION_RENDERED_FROM];
  delete annotations['backstage-render.dev/dependency-of'];
  return { ...o, metadata: { ...o.metadata, annotations } };
}
