// A FrameioClient wired to a test emulator: fast retries, secrets in memory, and sign-in either
// with a minted token or through the emulator's IMS as a person would.
import { developmentClient } from '../emulator/index.ts'
import { FrameioClient, type RetryPolicy, resolveConfig } from '../../src/core/frameio'
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

/** A client signed in through /ims/authorize/v2 and /ims/token/v3, holding a refresh token. */
export async function signedInClient(emulator: CheckedEmulator, retry?: RetryPolicy) {
  const made = newClient(emulator, retry)
  const request = made.client.auth.beginSignIn()
  const autoApprove = emulator.settings.autoApprove
  emulator.settings.autoApprove = true
  try {
    const answer = await fetch(request.url, { redirect: 'manual' })
    const back = new URL(answer.headers.get('location')!)
    if (back.searchParams.get('state') !== request.state) throw new Error('state did not come back')
    await made.client.auth.completeSignIn(back.searchParams.get('code')!, request.verifier)
  } finally {
    emulator.settings.autoApprove = autoApprove
  }
  return made
}

export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
