# The function as a container image, for `container: image:` in kustomize and `image:` in a Kptfile.
# Stage 1 builds the single-file bundle (code, schemas and embedded profiles in one file);
# stage 2 is a small Node runtime that runs it as a non-root user, reading stdin.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/ scripts/
COPY cli/ cli/
COPY fn/ fn/
COPY schemas/ schemas/
COPY profiles/ profiles/
RUN node scripts/build.js

FROM node:20-alpine AS runtime
LABEL org.opencontainers.image.title="backstage-render" \
      org.opencontainers.image.description="Render a Backstage CR into the objects the rhdh-operator would create (KRM function)" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /src/dist/backstage-render.js /usr/local/lib/backstage-render.js
USER node
ENTRYPOINT ["node", "/usr/local/lib/backstage-render.js"]
