# Multi-stage. `manifests` holds what `npm ci` reads (the lockfile and every workspace's package.json);
# `build` installs everything and compiles the server (with the session package it imports); `demo`
# is that stage serving the demo page (docker compose's `demo`); the last stage, the default target, is
# the server alone: production dependencies only (`npm ci --omit=dev` for the server workspace: no
# compiler, bundler or test tool), the compiled dist/ folders, plain Node 24 (the current LTS) as
# PID 1, so SIGTERM reaches the server itself (graceful shutdown) and nothing compiles at start.
FROM node:24-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY session/package.json session/
COPY server/package.json server/
COPY sandbox/package.json sandbox/
COPY widget/package.json widget/
COPY test/e2e/frameworks/react18/package.json test/e2e/frameworks/react18/

FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:server

FROM build AS demo
EXPOSE 3000
USER node
CMD ["npx", "vite", "--config", "widget/vite.config.ts", "--host", "0.0.0.0", "--port", "3000"]

FROM manifests AS server
ENV NODE_ENV=production
RUN npm ci --omit=dev --workspace server --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/session/dist session/dist
COPY --from=build /app/server/dist server/dist
EXPOSE 8000
USER node
CMD ["node", "--max-semi-space-size=32", "server/dist/main.js"]
