// Safety invariant 5, one crash point at a time: `run --once` in a child is SIGKILLed at its i-th
// side effect (a file-system write or an HTTP request, just before it or just after it), then the
// next runs must converge: every file on both sides with equal bytes, nothing twice in Frame.io,
// no unfinished placeholder, no partial file, nothing written outside the root.
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from './checked-emulator'
import {
  type ChildRun,
  type CrashWhen,
  buildCrashCli,
  crashPoints,
  runCrashChild,
} from './crash-harness'
import {
  type CrashScenario,
  crashScenario,
  describeState,
  divergence,
  strayEffects,
  sweepPartSize,
} from './crash-scenario'

const env = useEmulator({ partSize: sweepPartSize, transcodeDelayMs: 0, rateLimits: false })
const sweepTimeoutMs = 240_000
/** Runs allowed after the crash before the root must be in step. */
const recoveryRuns = 3

beforeAll(buildCrashCli, 120_000)

async function cleanRun(): Promise<{ scenario: CrashScenario; run: ChildRun }> {
  const scenario = await crashScenario(env)
  return { scenario, run: await runCrashChild(scenario.sync.env, ['run', '--once']) }
}

/** Why the crashed child did not end as told: at side effect `at`, or normally before it. */
function endProblem(run: ChildRun, at: number, when: CrashWhen): string | null {
  if (run.signal === 'SIGKILL') {
    const died = when === 'before' ? run.effects.at(-1)?.n === at : run.effects.some((e) => e.n === at)
    return died ? null : `it was killed, but not at side effect ${at} (saw ${run.effects.length})`
  }
  if (run.code === 0 && run.counted !== null && run.counted < at) return null
  return `it was to die at side effect ${at} but ended with code ${run.code}, signal ${run.signal}, after ${run.counted} side effects:\n${run.stderr}`
}

/** Crashes a fresh scenario at one side effect, recovers, and says what went wrong, if anything. */
async function crashAndRecover(at: number, when: CrashWhen): Promise<string | null> {
  const scenario = await crashScenario(env)
  const crashed = await runCrashChild(scenario.sync.env, ['run', '--once'], { at, when })
  const problems = [endProblem(crashed, at, when), ...strayEffects(scenario, crashed.effects)]
  let last: ChildRun | null = null
  for (let run = 1; run <= recoveryRuns && last?.code !== 0; run++) {
    last = await runCrashChild(scenario.sync.env, ['run', '--once'])
    problems.push(...strayEffects(scenario, last.effects))
  }
  if (last?.code !== 0) {
    problems.push(
      `run --once still ends with ${last?.code} (${last?.signal}) after ${recoveryRuns} runs:\n${last?.stdout}${last?.stderr}`,
    )
  }
  problems.push(...(await divergence(env, scenario)))
  const found = problems.filter((problem) => problem !== null)
  if (found.length === 0) return null
  const effect = crashed.effects.find((e) => e.n === at)
  return [
    `crash ${when} side effect ${at}: ${effect ? `${effect.kind} ${effect.target}` : '(not reached)'}`,
    ...found.map((problem) => `- ${problem}`),
    await describeState(env, scenario),
  ].join('\n')
}

async function sweep(when: CrashWhen): Promise<void> {
  const { run } = await cleanRun()
  expect(run.code, run.stderr).toBe(0)
  const points = crashPoints(run.effects.length)
  console.log(
    `crash ${when}: ${points.length} of ${run.effects.length} side effects tried` +
      (points.length < run.effects.length ? `: ${points.join(', ')}` : ''),
  )
  const failures: string[] = []
  for (const at of points) {
    const failure = await crashAndRecover(at, when)
    if (failure) {
      console.log(failure)
      failures.push(failure)
    }
  }
  expect(failures).toEqual([])
}

describe('a crash at any side effect of run --once, then the next runs', () => {
  it('counts writes and requests of a clean run, all inside the root, the data folder or 127.0.0.1', async () => {
    const { scenario, run } = await cleanRun()
    expect(run.code, run.stderr).toBe(0)
    expect(run.counted).toBe(run.effects.length)
    const kinds = new Set(run.effects.map((effect) => effect.kind))
    expect([...kinds]).toEqual(
      expect.arrayContaining(['http.request', 'fs.promises.link', 'fs.promises.mkdir']),
    )
    expect(run.effects.filter((effect) => effect.target.includes('/_storage/upload/'))).toHaveLength(
      4,
    )
    expect(strayEffects(scenario, run.effects)).toEqual([])
    expect(await divergence(env, scenario)).toEqual([])
  })

  it('converge after a crash just before any side effect', () => sweep('before'), sweepTimeoutMs)

  it('converge after a crash just after any side effect', () => sweep('after'), sweepTimeoutMs)
})
