# syntax=docker/dockerfile:1

# ---------------------------------------------------------------- build
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

COPY tsconfig*.json ./
COPY src ./src
COPY adapters ./adapters
COPY flows ./flows
COPY manifest ./manifest
COPY examples ./examples

COPY scripts ./scripts
COPY bin ./bin

# tsc emits to dist/ with rootDir '.', so the entry point is dist/src/main.js; the build
# also copies the web chat's static files next to the compiled adapter.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------- runtime
# For Slack or Teams: their SLACK_* or TEAMS_* settings. Without any, the bot would run in
# local mode (a web chat without sign-in), which NODE_ENV=production refuses unless
# LOCAL_MODE=1 (then also HOST=0.0.0.0, since local mode listens on loopback by default).
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# The charts' PNGs (resvg) draw their text with a font of the system: DejaVu Sans.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/examples ./examples
COPY --from=build /app/manifest ./manifest

USER node
EXPOSE 3000

# No curl in the slim image: ask node's fetch, at HOST when it names one address. (The
# `worker` command serves no HTTP; docker-compose.yml turns this check off for it.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "const h=process.env.HOST;const a=!h||h==='0.0.0.0'||h==='::'?'127.0.0.1':h.includes(':')?'['+h+']':h;fetch('http://'+a+':'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"

ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["all"]
