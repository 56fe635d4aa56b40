// Adobe IMS, as far as a desktop sign-in needs it: the authorize page (consent, or straight back
// with auto-approve), the token endpoint (authorization_code with PKCE S256, refresh_token with
// rotation) and revocation.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import type { Settings } from './options.ts'
import type { TokenStore } from './tokens.ts'
import { s256 } from './tokens.ts'
import { readBody, sendJson } from './http.ts'

interface AuthorizeRequest {
  clientId: string
  redirectUri: string
  state: string
  codeChallenge: string
}

export interface Ims {
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean>
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(request))
}

function page(response: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem}</style></head><body>${body}</body></html>`
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(html)
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function redirect(response: ServerResponse, to: string, params: Record<string, string>): void {
  const target = new URL(to)
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value)
  response.writeHead(302, { location: target.href, 'cache-control': 'no-store' })
  response.end()
}

function tokenError(response: ServerResponse, status: number, error: string, description: string) {
  sendJson(response, status, { error, error_description: description })
}

export function createIms(
  settings: () => Settings,
  tokens: TokenStore,
  signInUserId: () => string | undefined,
): Ims {
  const pending = new Map<string, AuthorizeRequest>()

  function approve(response: ServerResponse, request: AuthorizeRequest): void {
    const userId = signInUserId()
    if (!userId)
      return page(response, 503, 'No user', '<p>The emulator has no user to sign in.</p>')
    const code = tokens.issueCode({
      userId,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
    })
    redirect(response, request.redirectUri, { code, state: request.state })
  }

  async function authorize(response: ServerResponse, url: URL): Promise<void> {
    const query = url.searchParams
    const clientId = query.get('client_id') ?? ''
    const redirectUri = query.get('redirect_uri') ?? ''
    const client = settings().clients.find((candidate) => candidate.clientId === clientId)
    if (!client)
      return page(
        response,
        400,
        'Unknown app',
        `<p>Unknown client_id "${escapeHtml(clientId)}".</p>`,
      )
    if (!client.redirectUris.includes(redirectUri)) {
      return page(
        response,
        400,
        'Wrong redirect',
        `<p>redirect_uri "${escapeHtml(redirectUri)}" is not registered for this app.</p>`,
      )
    }
    const state = query.get('state') ?? ''
    const codeChallenge = query.get('code_challenge') ?? ''
    if (query.get('response_type') !== 'code') {
      return redirect(response, redirectUri, { error: 'unsupported_response_type', state })
    }
    if (
      query.get('code_challenge_method') !== 'S256' ||
      !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)
    ) {
      return redirect(response, redirectUri, {
        error: 'invalid_request',
        error_description: 'PKCE with code_challenge_method=S256 is required',
        state,
      })
    }
    const request = { clientId, redirectUri, state, codeChallenge }
    if (settings().autoApprove) return approve(response, request)
    const id = randomBytes(16).toString('base64url')
    pending.set(id, request)
    page(
      response,
      200,
      'Sign in to Frame.io',
      `<h1>Allow access?</h1><p><b>${escapeHtml(clientId)}</b> wants to use your Frame.io account.</p>
<form method="post" action="/ims/authorize/v2/decision"><input type="hidden" name="request" value="${id}">
<button name="decision" value="allow" type="submit">Allow</button>
<button name="decision" value="deny" type="submit">Cancel</button></form>`,
    )
  }

  async function decide(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await readForm(request)
    const id = form.get('request') ?? ''
    const waiting = pending.get(id)
    pending.delete(id)
    if (!waiting)
      return page(response, 400, 'Expired', '<p>This sign-in request is no longer valid.</p>')
    if (form.get('decision') !== 'allow') {
      return redirect(response, waiting.redirectUri, {
        error: 'access_denied',
        state: waiting.state,
      })
    }
    approve(response, waiting)
  }

  async function token(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const form = await readForm(request)
    const clientId = url.searchParams.get('client_id') ?? form.get('client_id') ?? ''
    const current = settings()
    if (!current.clients.some((client) => client.clientId === clientId)) {
      return tokenError(response, 401, 'invalid_client', 'unknown client_id')
    }
    const grantType = form.get('grant_type')
    let userId: string
    if (grantType === 'authorization_code') {
      const code = tokens.redeemCode(form.get('code') ?? '')
      if (!code || code.clientId !== clientId) {
        return tokenError(response, 400, 'invalid_grant', 'the code is unknown, used or expired')
      }
      const verifier = form.get('code_verifier') ?? ''
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== code.codeChallenge) {
        return tokenError(
          response,
          400,
          'invalid_grant',
          'code_verifier does not match the code_challenge',
        )
      }
      userId = code.userId
    } else if (grantType === 'refresh_token') {
      const grant = tokens.redeemRefresh(form.get('refresh_token') ?? '', clientId)
      if (!grant)
        return tokenError(
          response,
          400,
          'invalid_grant',
          'the refresh token is unknown, used or expired',
        )
      userId = grant.userId
    } else {
      return tokenError(
        response,
        400,
        'unsupported_grant_type',
        `grant_type "${grantType ?? ''}" is not supported`,
      )
    }
    const accessToken = tokens.mintAccess(userId, clientId, current.accessTokenTtlMs)
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: Math.floor(current.accessTokenTtlMs / 1000),
    }
    if (current.issueRefreshTokens) {
      body['refresh_token'] = tokens.mintRefresh(userId, clientId, current.refreshTokenTtlMs)
    }
    sendJson(response, 200, body, { 'cache-control': 'no-store' })
  }

  return {
    async handle(request, response, url) {
      const route = `${request.method} ${url.pathname}`
      if (route === 'GET /ims/authorize/v2') await authorize(response, url)
      else if (route === 'POST /ims/authorize/v2/decision') await decide(request, response)
      else if (route === 'POST /ims/token/v3') await token(request, response, url)
      else if (route === 'POST /ims/revoke') {
        tokens.revoke((await readForm(request)).get('token') ?? '')
        response.writeHead(200).end()
      } else return false
      return true
    },
  }
}
