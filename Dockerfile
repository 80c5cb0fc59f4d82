# One image for every process of the service; docker-compose.yml runs it as api, worker and the
# one-shots migrate and temporal-search-attributes. The base is pinned to a Node.js release.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY scripts ./scripts
# Compiles the TypeScript and prebuilds the workflow bundle production workers load.
# The web application (built into web/dist by `npm run build`, served by the API at /).
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only to the process: it runs as the unprivileged `node` user.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
