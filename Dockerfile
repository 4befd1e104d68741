# One image for the server (`npm run serve`) and the demo (vite). Node 20 LTS, no build step:
# the server runs its TypeScript through tsx.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY sandbox/package.json sandbox/
COPY widget/package.json widget/
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
EXPOSE 8000 3000
USER node
CMD ["npm", "run", "serve"]
