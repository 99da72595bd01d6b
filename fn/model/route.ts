// The OpenShift Route, and the base URLs it writes into the default app-config (the operator's
// pkg/model/route.go).
import { Document } from 'yaml';
import { isObject } from '../kio/types';
import type { KObject } from '../kio/types';
import { parseYamlDocuments, STRINGIFY } from '../yaml';
import { isRouteEnabled, route as routeSpec } from './cr';
import type { RouteSpec } from './cr';
import { setRuntimeObject } from './runtime';
import type { Model, ObjectConfig, RuntimeObject } from './runtime';
import { ensureMap, routeName, setCommonMetaInfo } from './utils';

export const ROUTE_API_VERSION = 'route.openshift.io/v1';

export const routeConfig: ObjectConfig = {
  key: 'route.yaml',
  factory: () => new BackstageRoute(),
  multiple: false,
  merge: 'none',
  kinds: [{ apiVersion: ROUTE_API_VERSION, kind: 'Route' }],
};

/* eslint-disable @typescript-eslint/no-explicit-any */
export class BackstageRoute implements RuntimeObject {
  route?: KObject;

  objects(): KObject[] {
    return this.route ? [this.route] : [];
  }

  setObject(objs: KObject[] | undefined): void {
    this.route = objs?.[0];
  }

  addToModel(model: Model): boolean {
    if (!model.isOpenshift) return false;
    if (!isRouteEnabled(model.cr)) return false;
    const specified = routeSpec(model.cr);
    if (!this.route && !specified) return false;
    if (!this.route) this.route = { apiVersion: ROUTE_API_VERSION, kind: 'Route', metadata: {}, spec: {} };
    if (specified) setRoute(this.route, specified);
    model.route = this;
    setRuntimeObject(model, this);
    return true;
  }

  updateAndValidate(model: Model): void {
    const spec = ensureMap(this.route as Record<string, unknown>, 'spec');
    const to = ensureMap(spec, 'to');
    // A Route made from scratch has no target kind; the API server defaults it to Service.
    if (to.kind === undefined || to.kind === '') to.kind = 'Service';
    to.name = model.backstageService?.service?.metadata?.name;
    updateAppConfigWithBaseUrls(model);
  }

  setMetaInfo(model: Model): void {
    this.route!.metadata.name = routeName(model.cr.name);
    setCommonMetaInfo(this.route!, model.cr.name, model.cr.namespace);
  }
}

/** setRoute: host, subdomain and TLS pieces of spec.application.route over the default Route. */
export function setRoute(route: KObject, specified: RouteSpec): void {
  const spec = ensureMap(route as Record<string, unknown>, 'spec');
  if (specified.host) spec.host = specified.host;
  if (specified.subdomain) spec.subdomain = specified.subdomain;
  const t = specified.tls;
  if (!t) return;
  if (!isObject(spec.tls)) {
    // A new TLSConfig: edge, redirect, the given pieces, and an externalCertificate reference that is
    // set even when empty (the operator's struct has a non-nil pointer there).
    const tls: Record<string, any> = { termination: 'edge' };
    if (t.certificate) tls.certificate = t.certificate;
    if (t.key) tls.key = t.key;
    if (t.caCertificate) tls.caCertificate = t.caCertificate;
    tls.insecureEdgeTerminationPolicy = 'Redirect';
    tls.externalCertificate = t.externalCertificateSecretName ? { name: t.externalCertificateSecretName } : {};
    spec.tls = tls;
    return;
  }
  const tls = spec.tls as Record<string, any>;
  if (t.certificate) tls.certificate = t.certificate;
  if (t.key) tls.key = t.key;
  if (t.caCertificate) tls.caCertificate = t.caCertificate;
  if (t.externalCertificateSecretName) tls.externalCertificate = { name: t.externalCertificateSecretName };
}

/**
 * buildBaseUrl: `https://<host>`; host is the Route's host, else `<subdomain or backstage-<cr>-<ns>>.<domain>`.
 * Returns '' when the ingress domain is needed and unknown.
 */
export function buildBaseUrl(model: Model): string {
  let host = `${routeName(model.cr.name)}-${model.cr.namespace}`;
  let appendDomain = true;
  const r = routeSpec(model.cr);
  if (r) {
    if (r.host) {
      host = r.host;
      appendDomain = false;
    } else if (r.subdomain) host = r.subdomain;
  }
  if (appendDomain) {
    const d = model.external.openShiftIngressDomain;
    if (!d) return '';
    host = `${host}.${d}`;
  }
  return `https://${host}`;
}

/**
 * How sigs.k8s.io/yaml writes a map decoded from YAML: keys sorted, sequences not indented under
 * their key, comments gone. (go-yaml v2 also folds plain strings longer than 80 columns; we do not.)
 */
const GO_YAML = { ...STRINGIFY, indentSeq: false, sortMapEntries: true };

// Every CR of a fleet rewrites the same default app-config text: a string-to-string memo.
const REWRITTEN = new Map<string, string>();
const REWRITTEN_MAX = 256;

export function rewriteWithBaseUrl(content: string, baseUrl: string): string {
  const key = `${baseUrl}\u0000${content}`;
  const cached = REWRITTEN.get(key);
  if (cached !== undefined) return cached;
  const out = rewriteWithBaseUrlUncached(content, baseUrl);
  if (REWRITTEN.size >= REWRITTEN_MAX) REWRITTEN.clear();
  REWRITTEN.set(key, out);
  return out;
}

function rewriteWithBaseUrlUncached(content: string, baseUrl: string): string {
  // sigs.k8s.io/yaml reads the first document only.
  const parsed = parseYamlDocuments(content)[0];
  if (parsed !== undefined && parsed !== null && !isObject(parsed)) throw new Error('app-config is not a map');
  const data: Record<string, any> = isObject(parsed) ? parsed : {};
  if (!isObject(data.app)) data.app = {};
  data.app.baseUrl = baseUrl;
  if (!isObject(data.backend)) data.backend = {};
  data.backend.baseUrl = baseUrl;
  if (!isObject(data.backend.cors)) data.backend.cors = {};
  data.backend.cors.origin = baseUrl;
  // JSON round trip, as the operator's: numbers become float64 and back, undefined disappears.
  const plain = JSON.parse(JSON.stringify(data));
  return new Document(plain, GO_YAML).toString(GO_YAML);
}

/**
 * updateAppConfigWithBaseUrls: app.baseUrl, backend.baseUrl and backend.cors.origin in every file of
 * the first app-config ConfigMap (the profile's base one). The operator always knows the cluster's
 * ingress domain; offline it is the ingressDomain option, so without it (and without a Route host)
 * the app-config is left alone and an info result says so, rather than writing empty URLs.
 */
export function updateAppConfigWithBaseUrls(model: Model): void {
  const cms: KObject[] | undefined = model.appConfig?.configMaps;
  if (!cms || cms.length === 0) return;
  const baseUrl = buildBaseUrl(model);
  if (baseUrl === '') {
    model.diag.info(
      'app.baseUrl, backend.baseUrl and backend.cors.origin are not written into the default app-config: the Route host depends on the cluster ingress domain; set the ingressDomain option (or spec.application.route.host)',
      { ref: model.cr.object, path: 'spec.application.route' },
    );
    return;
  }
  const cm = cms[0];
  if (!isObject(cm.data)) return;
  const data = cm.data as Record<string, unknown>;
  for (const k of Object.keys(data)) {
    const v = data[k];
    if (typeof v !== 'string') continue;
    try {
      data[k] = rewriteWithBaseUrl(v, baseUrl);
    } catch (e) {
      model.diag.warning(`could not write the base URL into the default app-config ${k}: ${(e as Error).message}`, { ref: model.cr.object });
    }
  }
}
