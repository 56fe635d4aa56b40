// Counting an engine's passes from the outside: wraps the instance's passRoot (src/ unchanged) to
// note what each pass looked at locally, whether it walked the remote side, and when it ended.
import { vi } from 'vitest'
import type { SyncEngine } from '../../../src/core/engine'

export interface PassRecord {
  local: Parameters<SyncEngine['passRoot']>[1]['kind']
  walkRemote: boolean
  startedAt: number
  endedAt: number | null
}

export function recordPasses(engine: SyncEngine): PassRecord[] {
  const passes: PassRecord[] = []
  const passRoot = engine.passRoot.bind(engine)
  engine.passRoot = async (rootId, local, walkRemote) => {
    const pass: PassRecord = { local: local.kind, walkRemote, startedAt: Date.now(), endedAt: null }
    passes.push(pass)
    try {
      await passRoot(rootId, local, walkRemote)
    } finally {
      pass.endedAt = Date.now()
    }
  }
  return passes
}

/** Waits (a generous deadline, never a measure) until the first pass has ended. */
export async function firstPassEnded(passes: PassRecord[], what: string): Promise<PassRecord> {
  return vi.waitFor(
    () => {
      const first = passes[0]
      if (first === undefined || first.endedAt === null) throw new Error(`The first pass over ${what} did not end in time.`)
      return first
    },
    { timeout: 600_000, interval: 100 },
  )
}
