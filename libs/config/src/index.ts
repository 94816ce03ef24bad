export type { AuthConfig, JwtSettings } from './authConfig.js';
export { type Config } from './config.js';
export { environmentWithEnvFile, findEnvFile } from './envFile.js';
export { AUTH_MODES, type AuthMode, DEVELOPMENT_TOKEN_SECRET, envSchema, type Env } from './envSchema.js';
export { ConfigError, loadConfig } from './loadConfig.js';
export { redactUrl } from './redactUrl.js';
export { rateLimitedActions, type LimitsConfig, type RateLimitedAction } from './limitsEnv.js';
export type { EventsConfig } from './eventsEnv.js';
