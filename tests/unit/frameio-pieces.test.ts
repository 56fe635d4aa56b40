// The client's pure pieces: configuration precedence and validation, PKCE against the RFC's own
// example, backoff bounds, and the rate budget on a fake clock.
import { describe, expect, it } from 'vitest'
import { ConfigError, challengeFor, createVerifier, resolveConfig } from '../../src/core/frameio'
import { RateBudget } from '../../src/core/frameio/budget'
import { backoffDelay, isRetryable } from '../../src/core/frameio/retry'
import { FrameioError } from '../../src/core/frameio/errors'

describe('resolveConfig', () => {
  it('defaults to the real services', () => {
    expect(resolveConfig({}, {})).toMatchObject({
      apiUrl: 'https://api.frame.io',
      imsUrl: 'https://ims-na1.adobelogin.com',
      clientId: '',
    })
  })

  it('takes the environment over defaults and settings over the environment', () => {
    const env = { FRAMEIO_API_URL: 'http://127.0.0.1:9000/', FRAMEIO_CLIENT_ID: 'from-env' }
    expect(resolveConfig({}, env)).toMatchObject({
      apiUrl: 'http://127.0.0.1:9000',
      clientId: 'from-env',
    })
    expect(resolveConfig({ clientId: 'from-settings' }, env).clientId).toBe('from-settings')
  })

  it('names the setting that is wrong', () => {
    expect(() => resolveConfig({ imsUrl: 'ftp://ims' }, {})).toThrow(ConfigError)
    expect(() => resolveConfig({ imsUrl: 'ftp://ims' }, {})).toThrow(/^imsUrl: /)
  })
})

describe('PKCE', () => {
  it('matches the S256 example of RFC 7636, appendix B', () => {
    expect(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('makes verifiers of allowed length and characters, different each time', () => {
    const verifier = createVerifier()
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/)
    expect(createVerifier()).not.toBe(verifier)
  })
})

describe('backoff', () => {
  const policy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 8_000 }

  it('doubles from the base, with up to half of it random, capped', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500)
    expect(backoffDelay(1, policy, () => 1)).toBe(1_000)
    expect(backoffDelay(3, policy, () => 1)).toBe(4_000)
    expect(backoffDelay(10, policy, () => 1)).toBe(8_000)
  })

  it('retries 429 always, server and network failures only when repeating is safe', () => {
    const server = new FrameioError('server', 'x', { status: 503 })
    expect(isRetryable(server, true)).toBe(true)
    expect(isRetryable(server, false)).toBe(false)
    expect(isRetryable(new FrameioError('rate-limited', 'x'), false)).toBe(true)
    expect(isRetryable(new FrameioError('invalid', 'x'), true)).toBe(false)
  })
})

describe('RateBudget', () => {
  function fakeClock() {
    let now = 0
    const slept: number[] = []
    return {
      clock: {
        now: () => now,
        sleep: async (ms: number) => {
          slept.push(ms)
          now += ms
        },
      },
      slept,
      advance: (ms: number) => (now += ms),
    }
  }

  it('lets the documented number of calls through, then waits for the leak', async () => {
    const { clock, slept } = fakeClock()
    const budget = new RateBudget(clock)
    for (let i = 0; i < 3; i++) await budget.take('folders.create')
    expect(slept).toEqual([])
    await budget.take('folders.create')
    expect(slept).toEqual([334])
  })

  it('adopts the limit and remaining calls the service reports', async () => {
    const { clock } = fakeClock()
    const budget = new RateBudget(clock)
    budget.observe('users.show', {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-window': '1000',
    })
    expect(budget.waitFor('users.show')).toBe(100)
  })

  it('holds every call back until the Retry-After a 429 gave', async () => {
    const { clock, advance } = fakeClock()
    const budget = new RateBudget(clock)
    budget.refused('files.show', 5_000)
    expect(budget.waitFor('files.show')).toBe(5_000)
    advance(5_000)
    expect(budget.waitFor('files.show')).toBe(0)
  })

  it('ignores answers without rate headers', () => {
    const { clock } = fakeClock()
    const budget = new RateBudget(clock)
    budget.observe('users.show', {})
    expect(budget.waitFor('users.show')).toBe(0)
  })
})
