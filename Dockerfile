# The API's production image (docs/deployment.md): built JavaScript only, run as a non-root user.
#   docker build -t concert-api .
#   docker run --rm concert-api node cli/main.js db migrate      # the CLI is in the image too
# The entrypoint is the command scripts/check-bundles.sh starts in CI: `node main.js` in the API's
# bundle folder, after `npm ci --omit=dev` there.

# 1. Build both bundles as CI does.
FROM node:20-bookworm-slim AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npx nx run-many -t build -p api cli @concert/web --outputStyle=static

# 2. Each bundle's own production dependencies, from its pruned lockfile (none for the CLI).
FROM node:20-bookworm-slim AS install
WORKDIR /app
COPY --from=build /src/apps/api/dist ./api
COPY --from=build /src/apps/cli/dist ./cli
RUN for app in api cli; do (cd "$app" && npm ci --omit=dev --no-audit --no-fund); done

# 3. The runtime: the bundles and their node_modules, and the storefront's static files, owned by
# root, read by the unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 STOREFRONT_DIR=/app/web
WORKDIR /app
COPY --from=install /app ./
COPY --from=build /src/apps/web/dist ./web
USER node
EXPOSE 8080
# Liveness: the process answers. Readiness (/readyz: MySQL and Redis answer, not draining) is the
# balancer's check (deploy/haproxy.cfg), not the container's: a Redis blip must not restart it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (SHUTDOWN_GRACE_MS); give the container more than that before it is killed.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "api/main.js"]
