// What `backstage-render --version` prints: this package's version and the rhdh-operator release
// the embedded profiles follow (profiles/README.md). One place for both: --version, --help and
// the docs take them from here.
import { version } from '../package.json';

export const PACKAGE_VERSION: string = version;

/** The operator release line of the default embedded profiles (profiles/1.10/): the default output's release. */
export const EMBEDDED_OPERATOR_RELEASE = 'release-1.10';

/** Every embedded line (profiles/<version>/, the operatorVersion option), the default marked. */
export const EMBEDDED_OPERATOR_RELEASES = `1.9.8, ${EMBEDDED_OPERATOR_RELEASE} (default), main c0cb1c9`;

/** `backstage-render 0.1.0 (embedded profiles: rhdh-operator 1.9.8, release-1.10 (default), main c0cb1c9)` */
export function versionLine(): string {
  return `backstage-render ${PACKAGE_VERSION} (embedded profiles: rhdh-operator ${EMBEDDED_OPERATOR_RELEASES})`;
}
