// Everything about the emulator that a test, demo or benchmark may want to change, with defaults
// that behave like the real service as far as it is known.

export interface OAuthClient {
  clientId: string
  redirectUris: string[]
}

export interface EmulatorOptions {
  port?: number
  /** Keep uploaded bytes in files here instead of memory. */
  dataDir?: string
  /** Seed the world with the demo account, project and files. */
  seed?: 'demo'
  /** OAuth clients allowed to sign in; one development client by default. */
  clients?: OAuthClient[]
  /** Skip the consent page: /ims/authorize/v2 redirects straight back with a code. */
  autoApprove?: boolean
  accessTokenTtlMs?: number
  refreshTokenTtlMs?: number
  /** Whether the token endpoint hands out refresh tokens at all (unknown for Native Apps). */
  issueRefreshTokens?: boolean
  /** Bytes per upload part before splitting (the published example uses 20,000,000). */
  partSize?: number
  uploadUrlTtlMs?: number
  downloadUrlTtlMs?: number
  /** All parts in -> `uploaded` after this long. */
  uploadedDelayMs?: number
  /** `uploaded` -> `transcoded` after this long. */
  transcodeDelayMs?: number
  /** false turns rate limiting off (benchmarks); headers are still sent. */
  rateLimits?: boolean
  /** Multiplies every documented limit (0.1 makes 429s easy to reach in tests). */
  rateLimitScale?: number
  /** Send Retry-After with 429 (the real service's behaviour is unknown). */
  retryAfter?: boolean
  /** Seed for the fault injector's random choices. */
  faultSeed?: number
  /** Told about every request and its JSON answer (contract tests). */
  onExchange?: (exchange: Exchange) => void
}

export interface Exchange {
  operationId: string
  method: string
  path: string
  status: number
  requestBody: unknown
  responseBody: unknown
  /** The answer was forced by an injected fault, so it need not be one the spec describes. */
  injected: boolean
}

export type Settings = Required<Omit<EmulatorOptions, 'dataDir' | 'seed' | 'onExchange' | 'port'>>

export const developmentClient: OAuthClient = {
  clientId: 'frameio-sync-dev',
  redirectUris: ['adobe+frameio-sync-dev://adobeid/frameio-sync-dev', 'http://127.0.0.1/callback'],
}

export function settingsFrom(options: EmulatorOptions): Settings {
  return {
    clients: options.clients ?? [developmentClient],
    autoApprove: options.autoApprove ?? false,
    accessTokenTtlMs: options.accessTokenTtlMs ?? 24 * 3600_000,
    refreshTokenTtlMs: options.refreshTokenTtlMs ?? 14 * 24 * 3600_000,
    issueRefreshTokens: options.issueRefreshTokens ?? true,
    partSize: options.partSize ?? 20_000_000,
    uploadUrlTtlMs: options.uploadUrlTtlMs ?? 24 * 3600_000,
    downloadUrlTtlMs: options.downloadUrlTtlMs ?? 3600_000,
    uploadedDelayMs: options.uploadedDelayMs ?? 0,
    transcodeDelayMs: options.transcodeDelayMs ?? 1_000,
    rateLimits: options.rateLimits ?? true,
    rateLimitScale: options.rateLimitScale ?? 1,
    retryAfter: options.retryAfter ?? true,
    faultSeed: options.faultSeed ?? 1,
  }
}
