// The operator release lines the renderer reproduces. Each renders as that line's code and data
// do (docs/operator-versions.md lists every behaviour that differs and where it changed); the
// version is passed explicitly into the model, never read from anywhere else.

/** Oldest first: a behaviour "since 1.10" holds for every later entry. */
export const OPERATOR_VERSIONS = ['1.9', '1.10', 'main'] as const;
export type OperatorVersion = (typeof OPERATOR_VERSIONS)[number];

/** The newest release line: what renders when neither the option nor the profile says otherwise. */
export const DEFAULT_OPERATOR_VERSION: OperatorVersion = '1.10';

/** Where each line's data was read from (the operator's repository, github: redhat-developer/rhdh-operator). */
export const OPERATOR_VERSION_SOURCES: Record<OperatorVersion, string> = {
  '1.9': 'tag 1.9.8 (branch release-1.9)',
  '1.10': 'branch release-1.10',
  main: 'branch main at c0cb1c9',
};

export function isOperatorVersion(v: unknown): v is OperatorVersion {
  return typeof v === 'string' && (OPERATOR_VERSIONS as readonly string[]).includes(v);
}

/** True when `v` is `since` or a later line. */
export function atLeast(v: OperatorVersion, since: OperatorVersion): boolean {
  return OPERATOR_VERSIONS.indexOf(v) >= OPERATOR_VERSIONS.indexOf(since);
}

/**
 * The operator line of an operator image tag (the install manifest's manager image): `1.9.8`,
 * `v1.10.2`, `0.9.8` (backstage.io images count 0.x for 1.x) -> that line; `next`, `latest` and
 * newer lines -> main; anything else undefined.
 */
export function operatorVersionOfImageTag(tag: string): OperatorVersion | undefined {
  if (tag === 'next' || tag === 'latest' || tag === 'main') return 'main';
  const m = /^v?(\d+)\.(\d+)(?:[.-]|$)/.exec(tag);
  if (!m) return undefined;
  let major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 0) major = 1; // backstage.io operator images: 0.9.x is the 1.9 line
  if (major !== 1) return major > 1 ? 'main' : undefined;
  if (minor === 9) return '1.9';
  if (minor === 10) return '1.10';
  if (minor > 10) return 'main';
  return undefined;
}
