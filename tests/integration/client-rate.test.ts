// The client's rate budget against the emulator's real leaky buckets: normal use stays under the
// documented limits without a single 429, and a stricter service is met by waiting, with or
// without Retry-After, never by duplicating a create.
import { describe, expect, it } from 'vitest'
import { useEmulator } from './checked-emulator.ts'
import { all, tokenClient } from './client-harness.ts'

const env = useEmulator({ rateLimits: true })

/** Creates a parent, then (after `beforeBurst`, e.g. making the service stricter) many folders in it at once. */
async function createMany(
  prefix: string,
  count: number,
  beforeBurst: () => void = () => undefined,
) {
  const { client } = await tokenClient(env.emulator, env.studio.userId, {
    attempts: 6,
    baseDelayMs: 50,
    maxDelayMs: 2_000,
  })
  const parent = await client.createFolder(
    env.studio.accountId,
    env.studio.project.rootFolderId,
    prefix,
  )
  beforeBurst()
  const before = env.emulator.requests.length
  const made = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      client.createFolder(env.studio.accountId, parent.id, `${prefix}-${i}`),
    ),
  )
  const log = env.emulator.requests.slice(before).filter((r) => r.operationId === 'folders.create')
  const names = (await all(client.folders(env.studio.accountId, parent.id)))
    .map((folder) => folder.name)
    .sort()
  return { made, log, names }
}

describe('rate budget', () => {
  it('keeps seven concurrent creates under the documented 3 per second: no 429 at all', async () => {
    const { made, log, names } = await createMany('calm', 7)
    expect(made).toHaveLength(7)
    expect(log.map((r) => r.status)).toEqual(Array(7).fill(201))
    expect(names).toEqual(Array.from({ length: 7 }, (_, i) => `calm-${i}`))
  })

  // The service turns stricter after the client has learnt its limits, so the client's budget is
  // briefly wrong and real 429s come back.
  it('waits out a stricter service that sends Retry-After, creating each folder once', async () => {
    try {
      const { log, names } = await createMany(
        'strict',
        3,
        () => (env.emulator.settings.rateLimitScale = 0.34),
      )
      expect(log.some((r) => r.status === 429)).toBe(true)
      expect(log.filter((r) => r.status === 201)).toHaveLength(3)
      expect(names).toEqual(['strict-0', 'strict-1', 'strict-2'])
    } finally {
      env.emulator.settings.rateLimitScale = 1
    }
  })

  it('waits out the window the headers give when there is no Retry-After', async () => {
    env.emulator.settings.retryAfter = false
    try {
      const { log, names } = await createMany(
        'windowed',
        3,
        () => (env.emulator.settings.rateLimitScale = 0.34),
      )
      expect(log.some((r) => r.status === 429)).toBe(true)
      expect(names).toEqual(['windowed-0', 'windowed-1', 'windowed-2'])
    } finally {
      env.emulator.settings.rateLimitScale = 1
      env.emulator.settings.retryAfter = true
    }
  })
})
