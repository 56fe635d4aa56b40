// A FrameioClient wired to a test emulator: fast retries, secrets in memory, and sign-in either
// with a minted token or through the emulator's IMS as a person would.
import { developmentClient } from '../emulator/index.ts'
import { expect } from 'vitest'
import {
  FrameioClient,
  FrameioError,
  type RetryPolicy,
  resolveConfig,
} from '../../src/core/frameio'
import type { SecretStore } from '../../src/core/ports'
import type { CheckedEmulator } from './checked-emulator.ts'

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>()
  writes = 0

  async read(key: string) {
    return this.values.get(key) ?? null
  }
  async write(key: string, value: string) {
    this.writes += 1
    this.values.set(key, value)
  }
  async remove(key: string) {
    this.values.delete(key)
  }
}

export const fastRetries: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 100 }

export function newClient(emulator: CheckedEmulator, retry: RetryPolicy = fastRetries) {
  const secrets = new MemorySecrets()
  const config = resolveConfig(
    {
      apiUrl: emulator.url,
      imsUrl: emulator.url,
      clientId: developmentClient.clientId,
      redirectUri: developmentClient.redirectUris[0]!,
    },
    {},
  )
  return { client: new FrameioClient({ config, secrets, retry }), secrets }
}

/** A client signed in with a token minted for the studio user (no refresh token). */
export async function tokenClient(emulator: CheckedEmulator, userId: string, retry?: RetryPolicy) {
  const made = newClient(emulator, retry)
  await made.client.auth.useTokens({
    accessToken: emulator.mintToken(userId),
    refreshToken: null,
    expiresAt: Date.now() + 3600_000,
  })
  return made
}

/** Opens an authorize address with consent given at once; answers where IMS sends the browser. */
export async function approvedRedirect(
  emulator: CheckedEmulator,
  authorizeUrl: string,
): Promise<URL> {
  const autoApprove = emulator.settings.autoApprove
  emulator.settings.autoApprove = true
  try {
    const answer = await fetch(authorizeUrl, { redirect: 'manual' })
    return new URL(answer.headers.get('location')!)
  } finally {
    emulator.settings.autoApprove = autoApprove
  }
}

/** A client signed in through /ims/authorize/v2 and /ims/token/v3, holding a refresh token. */
export async function signedInClient(emulator: CheckedEmulator, retry?: RetryPolicy) {
  const made = newClient(emulator, retry)
  const request = made.client.auth.beginSignIn()
  const back = await approvedRedirect(emulator, request.url)
  if (back.searchParams.get('state') !== request.state) throw new Error('state did not come back')
  await made.client.auth.completeSignIn(back.searchParams.get('code')!, request.verifier)
  return made
}

/** The typed error a call fails with (the test fails if it succeeds or throws something else). */
export async function failureOf(promise: Promise<unknown>): Promise<FrameioError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(FrameioError)
  return error as FrameioError
}

export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
