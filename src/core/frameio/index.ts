// src/core/frameio owns talking to Frame.io V4 and Adobe IMS: configuration, sign-in, the rate
// budget, retries, typed calls and typed errors.
export { FrameioClient, type ClientOptions } from './client'
export { Auth, type SignInRequest, type StoredTokens } from './auth'
export { resolveConfig, configEnv, defaultScopes, ConfigError, type FrameioConfig } from './config'
export {
  FrameioError,
  NotLinkedError,
  RateLimitedError,
  isFrameioError,
  type FrameioErrorKind,
} from './errors'
export { defaultRetryPolicy, type RetryPolicy } from './retry'
export { challengeFor, createVerifier, createState } from './pkce'
export type * from './schemas'
