# Production image: the Next.js standalone server (built with NEXT_OUTPUT=standalone), no dev
# dependencies, no emulator, running as an unprivileged user. Configure it through the environment
# (README: Configuration, and "Running several instances behind a load balancer").

# 1. Dependencies, exactly as locked.
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The build: .next/standalone holds server.js and only the node_modules it needs.
FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN NEXT_OUTPUT=standalone npx next build

# 3. The runtime: standalone server plus the static assets it does not copy itself (public/ holds
# robots.txt). NODE_ENV=production: start-up refuses demo mode here unless DEMO=1 asks for it, and
# live mode needs NEXTAUTH_URL (the public address) and AUTH_SECRET.
FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# Liveness without curl (not in the slim image): Node's own fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
