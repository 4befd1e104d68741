# One image for the server and the demo (vite). Node 20 LTS. The server is compiled at build time
# (`npm run build:server`) and runs as plain Node: PID 1 gets SIGTERM itself (graceful shutdown),
# no TypeScript loader at run time, half the start-up time of running the sources through tsx.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY sandbox/package.json sandbox/
COPY widget/package.json widget/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:server
ENV NODE_ENV=production
EXPOSE 8000 3000
USER node
CMD ["node", "--max-semi-space-size=32", "server/dist/main.js"]
