// Fault injection by route pattern: latency, status-code bursts, connection resets after N body
// bytes, corrupted bytes and token revocation. Random choices come from a seeded generator, so a
// run with the same seed and the same requests fails the same way.
import type { ServerResponse } from 'node:http'
import { newId } from './model.ts'

export type FaultEffect =
  | { kind: 'latency'; ms: number }
  /** Answer this status instead (storage answers carry `code` as their S3 error code). */
  | { kind: 'status'; status: number; code?: string }
  /** Cut the connection after this many body bytes, of the answer or (on: request) of the upload. */
  | { kind: 'reset'; afterBytes: number; on?: 'request' | 'response' }
  /** Flip the bits of the body byte at this offset, of the answer or (on: request) of the upload. */
  | { kind: 'corrupt'; atByte: number; on?: 'request' | 'response' }
  /** Revoke the access token the request carries, so it is refused. */
  | { kind: 'revoke' }

export type FaultRule = FaultEffect & {
  /** Regular expression matched against `METHOD /path` (query not included). */
  match: string
  /** How many matching requests it affects; unlimited when absent. */
  times?: number
  /** Chance that a matching request is affected (seeded); 1 when absent. */
  probability?: number
}

interface ActiveRule {
  id: string
  rule: FaultRule
  pattern: RegExp
  remaining: number
}

/** mulberry32: small, fast and good enough to make fault choices repeatable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FaultInjector {
  private rules: ActiveRule[] = []
  private random: () => number

  constructor(seed: number) {
    this.random = seededRandom(seed)
  }

  add(rule: FaultRule): string {
    const id = newId()
    this.rules.push({
      id,
      rule,
      pattern: new RegExp(rule.match),
      remaining: rule.times ?? Infinity,
    })
    return id
  }

  clear(seed?: number): void {
    this.rules = []
    if (seed !== undefined) this.random = seededRandom(seed)
  }

  /** The effects that apply to this request; each use counts against its rule. */
  take(method: string, path: string): FaultEffect[] {
    const subject = `${method} ${path}`
    const effects: FaultEffect[] = []
    for (const active of this.rules) {
      if (active.remaining <= 0 || !active.pattern.test(subject)) continue
      if (this.random() >= (active.rule.probability ?? 1)) continue
      active.remaining -= 1
      effects.push(active.rule)
    }
    this.rules = this.rules.filter((active) => active.remaining > 0)
    return effects
  }
}

/** Makes a response misbehave as its faults say, whatever route writes it. */
export function sabotageResponse(response: ServerResponse, effects: FaultEffect[]): void {
  const reset = effects.find((effect) => effect.kind === 'reset' && effect.on !== 'request')
  const corrupt = effects.find((effect) => effect.kind === 'corrupt' && effect.on !== 'request')
  if (!reset && !corrupt) return
  let sent = 0
  const write = response.write.bind(response) as (chunk: Buffer, ...rest: unknown[]) => boolean
  const end = response.end.bind(response) as (chunk?: Buffer) => ServerResponse
  const mangle = (chunk: Buffer): { chunk: Buffer; cut: boolean } => {
    let out = Buffer.from(chunk)
    if (
      corrupt?.kind === 'corrupt' &&
      corrupt.atByte >= sent &&
      corrupt.atByte < sent + out.length
    ) {
      out[corrupt.atByte - sent] = out[corrupt.atByte - sent]! ^ 0xff
    }
    let cut = false
    if (reset?.kind === 'reset' && sent + out.length > reset.afterBytes) {
      out = out.subarray(0, Math.max(0, reset.afterBytes - sent))
      cut = true
    }
    sent += out.length
    return { chunk: out, cut }
  }
  /** Sends what is allowed, then drops the connection once those bytes have left. */
  const cutAfter = (out: Buffer) => {
    const socket = response.socket
    if (out.length > 0) write(out, () => socket?.destroy())
    else socket?.destroy()
  }
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    const { chunk: out, cut } = mangle(Buffer.from(chunk as Uint8Array))
    if (!cut) return write(out, ...(rest as []))
    cutAfter(out)
    return false
  }) as typeof response.write
  response.end = ((chunk?: unknown) => {
    if (chunk === undefined || typeof chunk === 'function') return end()
    const { chunk: out, cut } = mangle(Buffer.from(chunk as Uint8Array))
    if (!cut) return end(out)
    cutAfter(out)
    return response
  }) as typeof response.end
}
