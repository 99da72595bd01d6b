// What `backstage-render --version` prints: this package's version and the rhdh-operator release
// the embedded profiles follow (profiles/README.md). One place for both: --version, --help and
// the docs take them from here.
import { version } from '../package.json';

export const PACKAGE_VERSION: string = version;

/** The operator release line of the embedded profiles (profiles/): the default output's release. */
export const EMBEDDED_OPERATOR_RELEASE = 'release-1.10';

/** `backstage-render 0.1.0 (embedded profiles: rhdh-operator release-1.10)` */
export function versionLine(): string {
  return `backstage-render ${PACKAGE_VERSION} (embedded profiles: rhdh-operator ${EMBEDDED_OPERATOR_RELEASE})`;
}
