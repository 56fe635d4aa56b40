// Counting an engine's passes from the outside: wraps the instance's passRoot (src/ unchanged) to
// note what each pass looked at locally, whether it walked the remote side, when it started and
// ended, and the process's CPU time when it started.
import { vi } from 'vitest'
import type { SyncEngine } from '../../../src/core/engine'

export interface PassRecord {
  local: Parameters<SyncEngine['passRoot']>[1]['kind']
  walkRemote: boolean
  /** performance.now() at the start and the end (null while it runs). */
  startedAt: number
  endedAt: number | null
  cpuAtStart: NodeJS.CpuUsage
}

export function recordPasses(engine: SyncEngine): PassRecord[] {
  const passes: PassRecord[] = []
  const passRoot = engine.passRoot.bind(engine)
  engine.passRoot = async (rootId, local, walkRemote) => {
    const pass: PassRecord = {
      local: local.kind,
      walkRemote,
      startedAt: performance.now(),
      endedAt: null,
      cpuAtStart: process.cpuUsage(),
    }
    passes.push(pass)
    try {
      return await passRoot(rootId, local, walkRemote)
    } finally {
      pass.endedAt = performance.now()
    }
  }
  return passes
}

/** Waits (a generous deadline, never a measure) for a pass after the first `after` to match. */
export async function passAfter(
  passes: PassRecord[],
  after: number,
  matches: (pass: PassRecord) => boolean,
  what: string,
): Promise<PassRecord> {
  return vi.waitFor(
    () => {
      const found = passes.slice(after).find(matches)
      if (!found) throw new Error(`${what} did not happen in time.`)
      return found
    },
    { timeout: 600_000, interval: 50 },
  )
}

export const seconds = (pass: PassRecord) =>
  ((pass.endedAt ?? performance.now()) - pass.startedAt) / 1000
