// Signing in through the emulator's IMS with PKCE, and what happens to tokens afterwards: one
// refresh for many refusals, rotation kept, "sign in again" when refresh fails, and no loops.
import { describe, expect, it } from 'vitest'
import { challengeFor } from '../../src/core/frameio'
import { useEmulator } from './checked-emulator.ts'
import { approvedRedirect, failureOf, newClient, signedInClient } from './client-harness.ts'

const env = useEmulator({ rateLimits: false })
const tokenRequests = () => env.emulator.requests.filter((r) => r.path === '/ims/token/v3').length
const stored = (secrets: { values: Map<string, string> }) =>
  JSON.parse(secrets.values.get('frameio.tokens') ?? 'null') as {
    accessToken: string
    refreshToken: string | null
  } | null

describe('sign-in', () => {
  it('builds a PKCE S256 authorize address from the configuration', () => {
    const { client } = newClient(env.emulator)
    const request = client.auth.beginSignIn()
    const url = new URL(request.url)
    expect(`${url.origin}${url.pathname}`).toBe(`${env.emulator.url}/ims/authorize/v2`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'frameio-sync-dev',
      redirect_uri: 'adobe+frameio-sync-dev://adobeid/frameio-sync-dev',
      scope: 'openid profile email offline_access additional_info.roles',
      response_type: 'code',
      state: request.state,
      code_challenge: challengeFor(request.verifier),
      code_challenge_method: 'S256',
    })
    expect(request.verifier.length).toBeGreaterThanOrEqual(43)
    expect(request.verifier.length).toBeLessThanOrEqual(128)
    expect(client.auth.beginSignIn().state).not.toBe(request.state)
  })

  it('signs in through the emulator and can call the API', async () => {
    const { client, secrets } = await signedInClient(env.emulator)
    expect((await client.me()).email).toBe('ada@example.com')
    expect(stored(secrets)?.refreshToken).toMatch(/^rt-/)
  })

  it('refuses a code exchanged with the wrong verifier', async () => {
    const { client } = newClient(env.emulator)
    const request = client.auth.beginSignIn()
    const back = await approvedRedirect(env.emulator, request.url)
    const wrong = client.auth.beginSignIn().verifier
    const error = await failureOf(client.auth.completeSignIn(back.searchParams.get('code')!, wrong))
    expect(error.kind).toBe('sign-in-required')
    expect(await client.auth.isSignedIn()).toBe(false)
  })
})

describe('refresh', () => {
  it('refreshes once for ten calls refused at the same time, and keeps the rotated token', async () => {
    const { client, secrets } = await signedInClient(env.emulator)
    const before = stored(secrets)!
    await fetch(`${env.emulator.url}/ims/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: before.accessToken }),
    })
    const requestsBefore = tokenRequests()
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.me()))
    expect(answers.every((me) => me.email === 'ada@example.com')).toBe(true)
    expect(tokenRequests() - requestsBefore).toBe(1)
    const after = stored(secrets)!
    expect(after.accessToken).not.toBe(before.accessToken)
    expect(after.refreshToken).not.toBe(before.refreshToken)
    const reuse = await fetch(`${env.emulator.url}/ims/token/v3?client_id=frameio-sync-dev`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: before.refreshToken!,
      }),
    })
    expect(reuse.status).toBe(400)
  })

  it('lets a caller give up on a shared refresh without failing the others', async () => {
    const { client, secrets } = await signedInClient(env.emulator)
    const before = stored(secrets)!
    await fetch(`${env.emulator.url}/ims/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: before.accessToken }),
    })
    env.emulator.faults.add({ match: '^POST /ims/token/v3$', kind: 'latency', ms: 300, times: 1 })
    const impatient = new AbortController()
    const calls = [client.me({ signal: impatient.signal }), client.me(), client.me()]
    setTimeout(() => impatient.abort(), 100)
    const [first, ...others] = await Promise.allSettled(calls)
    expect(first).toMatchObject({ status: 'rejected', reason: { kind: 'aborted' } })
    expect(others.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled'])
    expect(stored(secrets)!.accessToken).not.toBe(before.accessToken)
  })

  it('refreshes ahead of expiry instead of meeting a 401', async () => {
    env.emulator.settings.accessTokenTtlMs = 30_000
    try {
      const { client } = await signedInClient(env.emulator)
      const requestsBefore = tokenRequests()
      const statusesBefore = env.emulator.requests.length
      await client.me()
      expect(tokenRequests() - requestsBefore).toBe(1)
      expect(env.emulator.requests.slice(statusesBefore).some((r) => r.status === 401)).toBe(false)
    } finally {
      env.emulator.settings.accessTokenTtlMs = 86_400_000
    }
  })

  it('asks to sign in again when the refresh is refused, and forgets the tokens', async () => {
    const { client, secrets } = await signedInClient(env.emulator)
    const tokens = stored(secrets)!
    for (const token of [tokens.accessToken, tokens.refreshToken!]) {
      await fetch(`${env.emulator.url}/ims/revoke`, {
        method: 'POST',
        body: new URLSearchParams({ token }),
      })
    }
    const error = await failureOf(client.me())
    expect(error.kind).toBe('sign-in-required')
    expect(error.message).toMatch(/^Sign in to Frame\.io again/)
    expect(await client.auth.isSignedIn()).toBe(false)
    expect(secrets.values.has('frameio.tokens')).toBe(false)
  })

  it('asks to sign in again, without looping, when a fresh token is refused too', async () => {
    const { client } = await signedInClient(env.emulator)
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status: 401, times: 5 })
    const meBefore = env.emulator.requests.filter((r) => r.path === '/v4/me').length
    const refreshesBefore = tokenRequests()
    expect((await failureOf(client.me())).kind).toBe('sign-in-required')
    expect(env.emulator.requests.filter((r) => r.path === '/v4/me').length - meBefore).toBe(2)
    expect(tokenRequests() - refreshesBefore).toBe(1)
  })

  it('asks to sign in again when no refresh token was ever issued', async () => {
    env.emulator.settings.issueRefreshTokens = false
    try {
      const { client } = await signedInClient(env.emulator)
      env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'revoke', times: 1 })
      expect((await failureOf(client.me())).kind).toBe('sign-in-required')
    } finally {
      env.emulator.settings.issueRefreshTokens = true
    }
  })
})
