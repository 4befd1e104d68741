export { loadConfig, ConfigError, type Config } from './config/env.js';
export type { ProviderId } from './providers/registry.js';
export { createLogger, type Logger } from './logging/logger.js';
export { buildApp, type AppDependencies, type AppServices, type BuiltApp } from './http/app.js';
export { buildServices, type ServiceEdges, type Services } from './services.js';
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { createStores, storesOver, MemoryStore, RedisStore, SealedBox, type Stores } from './store/index.js';
export { createSessionToken, verifySessionToken, type SessionClaims } from './auth/session-token.js';
