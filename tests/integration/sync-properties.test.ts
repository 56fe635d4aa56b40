// Convergence under generated sequences of local and Frame.io changes, pauses, faults and syncs
// (fast-check): after the last sync both sides are in step or the difference is reported, nothing
// outside the root is touched, no local file is lost and nothing is uploaded twice.
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { useEmulator } from './checked-emulator'
import { playScenario } from './sync-scenario'
import { type Step, scenarioArb } from './sync-steps'

const env = useEmulator()

/** FC_SEED (with FC_PATH) replays a reported failure; fast-check prints both when one fails. */
const seed = Number(process.env['FC_SEED'] ?? Math.floor(Math.random() * 2 ** 31))
const path = process.env['FC_PATH']
const numRuns = Number(process.env['FC_RUNS'] ?? 30)
/** Shrinking replays whole scenarios; past this it stops and reports the smallest found so far. */
const timeLimitMs = 150_000

/**
 * Step lists that broke an invariant, as fast-check shrank them (or, marked "same cause", the
 * same fault reached another way).
 */
const regressions: Array<{ name: string; steps: Step[] }> = [
  {
    name: 'seed 22: a new file here, in a folder deleted in Frame.io, was never uploaded nor reported',
    steps: [
      { kind: 'local-write', folder: 'alt', name: 'c.mov', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'remote-folder-delete', folder: 'alt' },
      { kind: 'local-write', folder: 'alt', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'same cause: a new file here, in a folder deleted here and made again',
    steps: [
      { kind: 'local-write', folder: 'alt', name: 'c.mov', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'local-folder-delete', folder: 'alt' },
      { kind: 'sync' },
      { kind: 'local-write', folder: 'alt', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'same cause: a new Frame.io file, in a folder deleted here',
    steps: [
      { kind: 'remote-create', folder: 'alt', name: 'c.mov', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'local-folder-delete', folder: 'alt' },
      { kind: 'remote-create', folder: 'alt', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'same cause: a new Frame.io file, in a folder renamed in Frame.io',
    steps: [
      { kind: 'remote-create', folder: 'sub', name: 'c.mov', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'remote-folder-rename', folder: 'sub' },
      { kind: 'remote-create', folder: 'alt', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'seed 7: a new file here, in a folder replaced in Frame.io, failed with a raw API error',
    steps: [
      { kind: 'local-write', folder: 'sub', name: 'a.txt', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'remote-folder-delete', folder: 'sub' },
      { kind: 'remote-create', folder: 'sub', name: 'b.txt', content: 'take-1' },
      { kind: 'local-write', folder: 'sub', name: 'c.mov', content: 'take-1' },
    ],
  },
  {
    name: 'seed 41: a file written here while its download waits kept a stale transfer issue',
    steps: [
      { kind: 'remote-create', folder: 'sub', name: 'a.txt', content: 'a longer take' },
      { kind: 'sync-while-writing', afterMs: 250, folder: 'sub', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'seed 54: a file touched while it uploads waited out a failure backoff',
    steps: [
      { kind: 'local-write', folder: '', name: 'a.txt', content: 'take-1' },
      { kind: 'sync-while-writing', afterMs: 250, folder: '', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'seed 1855741471: a new file here, in a folder renamed in Frame.io, was uploaded into it',
    steps: [
      { kind: 'local-write', folder: 'sub', name: 'b.txt', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'remote-folder-rename', folder: 'sub' },
      { kind: 'local-write', folder: 'sub', name: 'a.txt', content: 'take-1' },
    ],
  },
  {
    name: 'seed 2129829813: a Frame.io folder renamed onto a synced one was reported as a duplicate, rightly',
    steps: [
      { kind: 'local-write', folder: 'sub', name: 'a.txt', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'local-folder-rename', folder: 'sub' },
      { kind: 'sync' },
      { kind: 'remote-folder-rename', folder: 'alt' },
    ],
  },
  {
    name: 'seed 1495831147: a new Frame.io file, in a folder whose name a renamed folder took, waited unreported',
    steps: [
      { kind: 'local-write', folder: 'alt', name: 'a.txt', content: 'take-1' },
      { kind: 'sync' },
      { kind: 'remote-create', folder: 'sub', name: 'c.mov', content: 'take-1' },
      { kind: 'remote-folder-rename', folder: 'alt' },
    ],
  },
]

describe('sync converges under generated changes on both sides', () => {
  it('keeps its invariants for random step sequences', { timeout: 200_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (steps) => playScenario(env, steps)),
      {
        seed,
        numRuns,
        ...(path === undefined ? {} : { path }),
        plugins: [fc.interruptAfterTimeLimit(timeLimitMs)],
      },
    )
  })

  for (const { name, steps } of regressions) {
    it(`regression: ${name}`, () => playScenario(env, steps))
  }
})
