#!/usr/bin/env bash
# Makes podman able to run the image tests on a Debian machine with no Docker daemon and no
# systemd (see docs/container.md): Debian's podman and runc, and a containers.conf that
# build/podman/containers.conf points podman at (tests and the `docker` shim set CONTAINERS_CONF).
# Idempotent; a second run only checks. On a machine where podman already works, set
# BACKSTAGE_RENDER_PODMAN_SETUP=skip.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${BACKSTAGE_RENDER_PODMAN_SETUP:-}" = skip ] && exit 0

if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  echo "setup-podman: installing podman and runc (apt-get)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends podman runc busybox-static >/dev/null
fi
if ! command -v busybox >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends busybox-static >/dev/null
fi

# crun (podman's default here) fails with "cgroups in hybrid mode not supported"; no systemd for
# cgroups; containers may not raise rlimits here.
mkdir -p build/podman
conf=build/podman/containers.conf
want='[containers]
default_ulimits = []

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"'
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$want" ]; then
  printf '%s\n' "$want" > "$conf"
fi
CONTAINERS_CONF="$PWD/$conf" podman info >/dev/null
echo "setup-podman: ok ($(podman --version), CONTAINERS_CONF=$PWD/$conf)"
