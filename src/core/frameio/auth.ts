// Signing in to Frame.io through Adobe IMS: the PKCE authorize address, the code exchange, and
// tokens kept through the SecretStore port, refreshed in a single flight, rotated refresh tokens
// kept, and "sign in again" when nothing else will do. Tokens are never logged.
import type { Got, Response } from 'got'
import type { SecretStore } from '../ports'
import type { FrameioConfig } from './config'
import { FrameioError } from './errors'
import { challengeFor, createState, createVerifier } from './pkce'
import { tokenResponseSchema } from './schemas'
import { abortable } from './sleep'

export interface StoredTokens {
  accessToken: string
  refreshToken: string | null
  /** Epoch ms. */
  expiresAt: number
}

/** What the API transport needs from the sign-in: a token, and a fresh one after a 401. */
export interface TokenProvider {
  accessToken(signal?: AbortSignal): Promise<string>
  /** Called with the token the service refused; refreshes once however many calls ask. */
  refreshAfter(rejected: string, signal?: AbortSignal): Promise<void>
}

export interface SignInRequest {
  url: string
  state: string
  verifier: string
}

const secretKey = 'frameio.tokens'
/** Refresh this long before the access token runs out rather than meet a 401. */
const refreshEarlyMs = 60_000

export function signInRequired(reason: string): FrameioError {
  return new FrameioError('sign-in-required', `Sign in to Frame.io again: ${reason}.`, {
    status: 401,
  })
}

export class Auth implements TokenProvider {
  private tokens: StoredTokens | null | undefined
  private refreshing: Promise<void> | null = null
  /** Counts sign-ins and sign-outs, so a refresh that was overtaken by one does not write back. */
  private generation = 0

  constructor(
    private readonly deps: {
      config: FrameioConfig
      secrets: SecretStore
      http: Got
      now?: () => number
    },
  ) {}

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  private requireClient(): void {
    if (!this.deps.config.clientId) {
      throw new FrameioError(
        'invalid',
        'No OAuth client id is configured: set FRAMEIO_CLIENT_ID or the client id in settings.',
      )
    }
  }

  /** Where the browser is sent back to after signing in. */
  get redirectUri(): string {
    return this.deps.config.redirectUri
  }

  /** The address to open in the browser, and what to keep until the redirect comes back. */
  beginSignIn(): SignInRequest {
    this.requireClient()
    const { config } = this.deps
    if (!config.redirectUri) {
      throw new FrameioError(
        'invalid',
        'No redirect URI is configured: set FRAMEIO_REDIRECT_URI or the redirect URI in settings.',
      )
    }
    const verifier = createVerifier()
    const state = createState()
    const url = new URL(`${config.imsUrl}/ims/authorize/v2`)
    url.search = new URLSearchParams({
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      scope: config.scopes.join(' '),
      response_type: 'code',
      state,
      code_challenge: challengeFor(verifier),
      code_challenge_method: 'S256',
    }).toString()
    return { url: url.href, state, verifier }
  }

  async completeSignIn(code: string, verifier: string, signal?: AbortSignal): Promise<void> {
    this.requireClient()
    this.generation += 1
    const tokens = await this.tokenRequest(
      { grant_type: 'authorization_code', code, code_verifier: verifier },
      signal,
    )
    await this.store(tokens)
  }

  /** Adopts tokens obtained elsewhere (a developer token, a CLI --token). */
  async useTokens(tokens: StoredTokens): Promise<void> {
    this.generation += 1
    await this.store(tokens)
  }

  async signOut(): Promise<void> {
    this.generation += 1
    this.tokens = null
    await this.deps.secrets.remove(secretKey)
  }

  async isSignedIn(): Promise<boolean> {
    return (await this.load()) !== null
  }

  async accessToken(signal?: AbortSignal): Promise<string> {
    const tokens = await this.load()
    if (!tokens) throw signInRequired('you are not signed in')
    if (!tokens.refreshToken || tokens.expiresAt - refreshEarlyMs > this.now())
      return tokens.accessToken
    await this.refreshAfter(tokens.accessToken, signal)
    const fresh = await this.load()
    if (!fresh) throw signInRequired('you were signed out')
    return fresh.accessToken
  }

  /**
   * One refresh however many callers ask at once. It runs on its own, not under any caller's
   * signal: a caller that gives up stops waiting, the others still get the new token.
   */
  refreshAfter(rejected: string, signal?: AbortSignal): Promise<void> {
    this.refreshing ??= this.refresh(rejected).finally(() => {
      this.refreshing = null
    })
    return abortable(this.refreshing, signal)
  }

  private async refresh(rejected: string): Promise<void> {
    const tokens = await this.load()
    if (tokens && tokens.accessToken !== rejected) return // someone else already refreshed
    if (!tokens?.refreshToken) {
      await this.signOut()
      throw signInRequired('your session has ended')
    }
    const generation = this.generation
    try {
      const fresh = await this.tokenRequest({
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
      })
      // Signed out or in anew meanwhile: that session wins over this refresh.
      if (generation !== this.generation) return
      await this.store({ ...fresh, refreshToken: fresh.refreshToken ?? tokens.refreshToken })
    } catch (error) {
      const refused = error instanceof FrameioError && error.kind === 'sign-in-required'
      if (refused && generation === this.generation) await this.signOut()
      throw error
    }
  }

  private async tokenRequest(
    form: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<StoredTokens> {
    const { config, http } = this.deps
    let response: Response<string>
    try {
      response = await http.post(`${config.imsUrl}/ims/token/v3`, {
        searchParams: { client_id: config.clientId },
        form,
        ...(signal ? { signal } : {}),
      })
    } catch (error) {
      if (signal?.aborted)
        throw new FrameioError('aborted', 'Signing in was cancelled.', { cause: error })
      throw new FrameioError('network', 'Cannot reach Adobe sign-in.', { cause: error })
    }
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      body = undefined
    }
    if (response.statusCode === 400 || response.statusCode === 401) {
      const reason = (body as { error?: unknown } | undefined)?.error
      throw signInRequired(
        reason === 'invalid_grant'
          ? 'the sign-in was refused or has expired'
          : `Adobe answered ${String(reason ?? response.statusCode)}`,
      )
    }
    if (response.statusCode >= 500) {
      throw new FrameioError('server', `Adobe sign-in failed (${response.statusCode}).`, {
        status: response.statusCode,
      })
    }
    const parsed = tokenResponseSchema.safeParse(body)
    if (response.statusCode !== 200 || !parsed.success) {
      throw new FrameioError(
        'unexpected-response',
        `Adobe sign-in answered something unexpected (${response.statusCode}).`,
      )
    }
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token ?? null,
      expiresAt: this.now() + parsed.data.expires_in * 1000,
    }
  }

  private async load(): Promise<StoredTokens | null> {
    if (this.tokens !== undefined) return this.tokens
    const text = await this.deps.secrets.read(secretKey)
    try {
      this.tokens = text ? (JSON.parse(text) as StoredTokens) : null
    } catch {
      this.tokens = null
    }
    return this.tokens
  }

  private async store(tokens: StoredTokens): Promise<void> {
    this.tokens = tokens
    await this.deps.secrets.write(secretKey, JSON.stringify(tokens))
  }
}
