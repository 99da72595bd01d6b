# The function as a container image: kpt (`kpt fn eval --image`, a Kptfile's `image:`,
# `kpt fn doc --image`), kustomize (`container: image:`) and the Argo CD sidecar
# (delivery/argocd/Dockerfile) run it. Stdin a ResourceList, stdout the result (docs/container.md).
#   podman build -t ghcr.io/backstage-render/backstage-render:0.1.0 .   (or docker build)
# Stage 1 builds the single-file bundle (code, schemas and embedded profiles in one file); stage 2
# is Node alone, running it as a non-root user. The base images are build arguments so a mirror
# (or the stand-ins the tests build, test/image/) can take their place.
ARG BUILD_IMAGE=docker.io/library/node:24-bookworm-slim
ARG RUNTIME_IMAGE=docker.io/library/node:24-alpine

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/ scripts/
COPY cli/ cli/
COPY fn/ fn/
COPY schemas/ schemas/
COPY profiles/ profiles/
# No start-up snapshot here (BACKSTAGE_RENDER_SNAPSHOT=0): a snapshot fits only the node that made
# it, and the runtime stage's is another; the image runs the bundle (docs/performance.md).
RUN BACKSTAGE_RENDER_SNAPSHOT=0 node scripts/build.js

FROM ${RUNTIME_IMAGE} AS runtime
LABEL org.opencontainers.image.title="backstage-render" \
      org.opencontainers.image.description="Render a Backstage CR into the objects the rhdh-operator would create (KRM function)" \
      org.opencontainers.image.source="https://github.com/backstage-render/backstage-render" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /src/dist/backstage-render.js /usr/local/lib/backstage-render.js
USER node
ENTRYPOINT ["node", "/usr/local/lib/backstage-render.js"]
