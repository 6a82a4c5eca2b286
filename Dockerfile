# One image for the three apps; docker-compose picks the process with `command`.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
# `npm run build` also builds the web console (Vite) into dist/console, which the case API serves at /console.
RUN npm run build

# The runtime: compiled apps and production dependencies, installed afresh from the lock (no compiler, test
# tools or the development servers `npm start` uses). Files stay root's; the apps run as `node`.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
# The tools evidence derivatives run on untrusted files (video posters and view copies, PDF previews, HEIC): Debian's
# builds, patched with the distribution; sharp brings its own libvips.
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg poppler-utils libheif-examples \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
USER node
CMD ["node", "dist/apps/case-api/src/main.js"]
