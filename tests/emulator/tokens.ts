// Issued credentials: authorization codes (with their PKCE challenge), access tokens and refresh
// tokens, with expiry, single use, rotation and revocation.
import { createHash, randomBytes } from 'node:crypto'

interface Grant {
  userId: string
  clientId: string
  expiresAt: number
}

interface PendingCode extends Grant {
  redirectUri: string
  codeChallenge: string
}

export type TokenCheck =
  { ok: true; userId: string } | { ok: false; reason: 'expired' | 'revoked' | 'unknown' }

function secret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

export class TokenStore {
  private readonly codes = new Map<string, PendingCode>()
  private readonly access = new Map<string, Grant & { revoked: boolean }>()
  private readonly refresh = new Map<string, Grant>()
  private readonly now: () => number

  constructor(now: () => number = Date.now) {
    this.now = now
  }

  issueCode(grant: Omit<PendingCode, 'expiresAt'>): string {
    const code = secret('code-')
    this.codes.set(code, { ...grant, expiresAt: this.now() + 10 * 60_000 })
    return code
  }

  /** Takes a code once; later attempts find nothing. */
  redeemCode(code: string): PendingCode | undefined {
    const pending = this.codes.get(code)
    this.codes.delete(code)
    return pending && pending.expiresAt > this.now() ? pending : undefined
  }

  mintAccess(userId: string, clientId: string, ttlMs: number): string {
    const token = secret('at-')
    this.access.set(token, { userId, clientId, expiresAt: this.now() + ttlMs, revoked: false })
    return token
  }

  mintRefresh(userId: string, clientId: string, ttlMs: number): string {
    const token = secret('rt-')
    this.refresh.set(token, { userId, clientId, expiresAt: this.now() + ttlMs })
    return token
  }

  /** Takes a refresh token once (rotation): it stops working as soon as it is used. */
  redeemRefresh(token: string, clientId: string): Grant | undefined {
    const grant = this.refresh.get(token)
    this.refresh.delete(token)
    return grant && grant.clientId === clientId && grant.expiresAt > this.now() ? grant : undefined
  }

  checkAccess(token: string | undefined): TokenCheck {
    const grant = token === undefined ? undefined : this.access.get(token)
    if (!grant) return { ok: false, reason: 'unknown' }
    if (grant.revoked) return { ok: false, reason: 'revoked' }
    if (grant.expiresAt <= this.now()) return { ok: false, reason: 'expired' }
    return { ok: true, userId: grant.userId }
  }

  revoke(token: string): void {
    const grant = this.access.get(token)
    if (grant) grant.revoked = true
    this.refresh.delete(token)
  }

  clear(): void {
    this.codes.clear()
    this.access.clear()
    this.refresh.clear()
  }
}
