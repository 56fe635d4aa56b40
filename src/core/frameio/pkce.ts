// PKCE (RFC 7636, S256) and the state parameter for the OAuth authorization-code sign-in.
import { createHash, randomBytes } from 'node:crypto'

/** 64 random bytes, base64url: 86 characters, inside the 43–128 the RFC allows. */
export function createVerifier(): string {
  return randomBytes(64).toString('base64url')
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

/** An unguessable value tying a redirect to the sign-in that asked for it. */
export function createState(): string {
  return randomBytes(24).toString('base64url')
}
