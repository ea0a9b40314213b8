# Image of the petitionflow CLI; compose runs it as `migrate`, `api` and `worker`.
# Every stage uses the same pinned Node 20 image, so the native modules installed in one (Temporal's
# core bridge, @swc/core, esbuild) match the runtime they are copied into.

FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
# bash for pipefail: a failing `node -e` in the pipes below must fail the build, not rebuild nothing.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
COPY package.json package-lock.json ./
# `npm install` with the lock file, not `npm ci`: lock files written against this registry omit the
# optional packages of other platforms, which `npm ci` refuses; versions still come from the lock.
# Install scripts run only for the packages that package.json's `allowScripts` approves: the npm in this
# image predates that field, so scripts are skipped wholesale and the approved ones are rebuilt by name.
RUN npm install --no-audit --no-fund --ignore-scripts \
 && node -e "for (const [spec, ok] of Object.entries(require('./package.json').allowScripts ?? {})) if (ok === true) console.log(spec)" \
  | xargs -r npm rebuild
COPY . .
# tsc emits only JavaScript: non-TypeScript files under src (SQL migrations, rule data) are copied next to
# the compiled code so that paths relative to __dirname resolve. (test/ is not in the context, see
# .dockerignore, so dist/ holds src/ only.)
RUN npm run build \
 && find src -type f ! -name '*.ts' -exec cp --parents {} dist/ \;

FROM node:20.20.2-bookworm-slim AS prod-deps
WORKDIR /app
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
COPY package.json package-lock.json ./
# `npm install` with the lock file, not `npm ci`: lock files written against this registry omit the
# optional packages of other platforms, which `npm ci` refuses; versions still come from the lock.
RUN npm install --omit=dev --no-audit --no-fund --ignore-scripts \
 && node -e "for (const [spec, ok] of Object.entries(require('./package.json').allowScripts ?? {})) if (ok === true) console.log(spec)" \
  | xargs -r npm rebuild \
 && npm cache clean --force
# The charts of the Word reports are drawn on the server (resvg reads /usr/share/fonts): a Chinese font for their
# labels, copied into the runtime below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY --from=prod-deps /usr/share/fonts/truetype/wqy /usr/share/fonts/truetype/wqy
# The files stay root-owned and read-only to the process: the app keeps its state in PostgreSQL and Temporal.
USER node
EXPOSE 3000
# bin/petitionflow.js runs the compiled dist/ build when present, which it always is in this image.
ENTRYPOINT ["node", "bin/petitionflow.js"]
CMD ["api"]
