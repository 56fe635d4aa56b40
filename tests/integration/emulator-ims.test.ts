// The emulator's Adobe IMS: consent page or auto-approve, PKCE S256 on the code exchange, refresh
// with rotation, token lifetimes, and refusals that never redirect to an unregistered address.
import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { developmentClient } from '../emulator/index.ts'
import { useEmulator } from './checked-emulator.ts'

const env = useEmulator({ rateLimits: false })
const clientId = developmentClient.clientId
const redirectUri = developmentClient.redirectUris[0]!

function pkce() {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

function authorizeUrl(challenge: string, overrides: Record<string, string> = {}) {
  const url = new URL('/ims/authorize/v2', env.emulator.url)
  const params = {
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid offline_access',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  }
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url
}

async function token(form: Record<string, string>) {
  const response = await fetch(`${env.emulator.url}/ims/token/v3?client_id=${clientId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })
  return { status: response.status, body: (await response.json()) as Record<string, string> }
}

/** Goes through the consent page as a person would, pressing Allow. */
async function signIn(challenge: string): Promise<URL> {
  const page = await fetch(authorizeUrl(challenge))
  const html = await page.text()
  expect(html).toContain('Allow')
  const request = /name="request" value="([^"]+)"/.exec(html)![1]!
  const decision = await fetch(`${env.emulator.url}/ims/authorize/v2/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, decision: 'allow' }),
    redirect: 'manual',
  })
  expect(decision.status).toBe(302)
  return new URL(decision.headers.get('location')!)
}

describe('authorization code with PKCE', () => {
  it('signs in through the consent page and exchanges the code for working tokens', async () => {
    const { verifier, challenge } = pkce()
    const back = await signIn(challenge)
    expect(`${back.protocol}//${back.host}${back.pathname}`).toBe(redirectUri)
    expect(back.searchParams.get('state')).toBe('state-123')
    const answer = await token({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code')!,
      code_verifier: verifier,
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ token_type: 'bearer', expires_in: 86_400 })
    expect(answer.body['refresh_token']).toBeTruthy()
    const me = await fetch(`${env.emulator.url}/v4/me`, {
      headers: env.emulator.auth(answer.body['access_token']),
    })
    expect(me.status).toBe(200)
  })

  it('refuses a wrong or missing verifier, and a code used twice', async () => {
    const { verifier, challenge } = pkce()
    const code = (await signIn(challenge)).searchParams.get('code')!
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      code_verifier: pkce().verifier,
    })
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
    const again = await token({ grant_type: 'authorization_code', code, code_verifier: verifier })
    expect(again.body['error']).toBe('invalid_grant')
    const fresh = (await signIn(challenge)).searchParams.get('code')!
    const missing = await token({ grant_type: 'authorization_code', code: fresh })
    expect(missing.body['error']).toBe('invalid_grant')
  })

  it('sends Cancel back as access_denied', async () => {
    const html = await (await fetch(authorizeUrl(pkce().challenge))).text()
    const request = /name="request" value="([^"]+)"/.exec(html)![1]!
    const decision = await fetch(`${env.emulator.url}/ims/authorize/v2/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, decision: 'deny' }),
      redirect: 'manual',
    })
    expect(new URL(decision.headers.get('location')!).searchParams.get('error')).toBe(
      'access_denied',
    )
  })

  it('redirects straight back with auto-approve', async () => {
    env.emulator.settings.autoApprove = true
    try {
      const answer = await fetch(authorizeUrl(pkce().challenge), { redirect: 'manual' })
      expect(answer.status).toBe(302)
      expect(new URL(answer.headers.get('location')!).searchParams.get('code')).toMatch(/^code-/)
    } finally {
      env.emulator.settings.autoApprove = false
    }
  })

  it('never redirects to an unregistered address or for an unknown app', async () => {
    const stranger = await fetch(
      authorizeUrl(pkce().challenge, { redirect_uri: 'https://evil.example/cb' }),
      { redirect: 'manual' },
    )
    expect(stranger.status).toBe(400)
    expect(await stranger.text()).toContain('is not registered')
    const unknownApp = await fetch(authorizeUrl(pkce().challenge, { client_id: 'who' }), {
      redirect: 'manual',
    })
    expect(unknownApp.status).toBe(400)
  })

  it('requires S256 PKCE', async () => {
    const plain = await fetch(authorizeUrl('short', { code_challenge_method: 'plain' }), {
      redirect: 'manual',
    })
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe(
      'invalid_request',
    )
  })
})

describe('refresh', () => {
  async function tokens() {
    const { verifier, challenge } = pkce()
    const code = (await signIn(challenge)).searchParams.get('code')!
    return (await token({ grant_type: 'authorization_code', code, code_verifier: verifier })).body
  }

  it('rotates: a refresh token works once and comes back new', async () => {
    const first = await tokens()
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: first['refresh_token']!,
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body['refresh_token']).not.toBe(first['refresh_token'])
    const reused = await token({
      grant_type: 'refresh_token',
      refresh_token: first['refresh_token']!,
    })
    expect(reused.body['error']).toBe('invalid_grant')
    const next = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body['refresh_token']!,
    })
    expect(next.status).toBe(200)
  })

  it('can be told not to hand out refresh tokens', async () => {
    env.emulator.settings.issueRefreshTokens = false
    try {
      expect((await tokens())['refresh_token']).toBeUndefined()
    } finally {
      env.emulator.settings.issueRefreshTokens = true
    }
  })

  it('lets access tokens expire after the configured lifetime', async () => {
    env.emulator.settings.accessTokenTtlMs = 50
    try {
      const access = (await tokens())['access_token']
      await new Promise((resolve) => setTimeout(resolve, 80))
      const me = await fetch(`${env.emulator.url}/v4/me`, { headers: env.emulator.auth(access) })
      expect(me.status).toBe(401)
    } finally {
      env.emulator.settings.accessTokenTtlMs = 86_400_000
    }
  })

  it('refuses an unknown client and an unknown grant type', async () => {
    const response = await fetch(`${env.emulator.url}/ims/token/v3?client_id=nobody`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }),
    })
    expect(response.status).toBe(401)
    expect((await token({ grant_type: 'password' })).body['error']).toBe('unsupported_grant_type')
  })
})
