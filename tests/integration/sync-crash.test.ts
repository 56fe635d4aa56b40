// Safety invariant 5, one crash point at a time: `run --once` in a child is SIGKILLed at its i-th
// side effect (a file-system write or an HTTP request, just before it or just after it), then the
// next runs must converge: every file on both sides with equal bytes, nothing twice in Frame.io,
// no unfinished placeholder, no partial file, nothing written outside the root.
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import pLimit from 'p-limit'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from './checked-emulator'
import { type CliResult, tempDir } from './cli-harness'
import {
  type ChildRun,
  type CrashWhen,
  type SideEffect,
  buildCrashCli,
  cli,
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
const sweepTimeoutMs = 180_000
/**
 * Crash points tried at once. Each spends most of its time waiting (the remote walker paces its
 * listings 400 ms apart), so several at once keep two cores busy.
 */
const sweepWidth = 6
/** Runs allowed after the crash before the root must be in step. */
const recoveryRuns = 3

beforeAll(buildCrashCli, 120_000)

let clean: Promise<{ scenario: CrashScenario; run: ChildRun }> | null = null

/** One uncrashed run of the scenario, shared by the tests: its side effects are the crash points. */
function cleanRun(): Promise<{ scenario: CrashScenario; run: ChildRun }> {
  clean ??= crashScenario(env).then(async (scenario) => ({
    scenario,
    run: await runCrashChild(scenario.sync.env, cli('run', '--once')),
  }))
  return clean
}

/**
 * Where a crash just after a side effect differs from one just before the next: Frame.io acted
 * on a request but the engine has not recorded it, or a step on disk ended (a folder made, a file
 * placed or removed) and its index write is pending. After the other writes (opening, filling and
 * syncing a temporary file) the same job's next side effect follows at once, so they are skipped.
 */
function endsAStep(effect: SideEffect | undefined): boolean {
  return /^(https?\.|fs\.promises\.(mkdir|link|unlink|rename|rm)$)/.test(effect?.kind ?? '')
}

/** Why the crashed child did not end as told: at side effect `at`, or normally before it. */
function endProblem(run: ChildRun, at: number, when: CrashWhen): string | null {
  if (run.signal === 'SIGKILL') {
    const died =
      when === 'before' ? run.effects.at(-1)?.n === at : run.effects.some((e) => e.n === at)
    return died ? null : `it was killed, but not at side effect ${at} (saw ${run.effects.length})`
  }
  if (run.code === 0 && run.counted !== null && run.counted < at) return null
  return `it was to die at side effect ${at} but ended with code ${run.code}, signal ${run.signal}, after ${run.counted} side effects:\n${run.stderr}`
}

/** Crashes a fresh scenario at one side effect, recovers, and says what went wrong, if anything. */
async function crashAndRecover(at: number, when: CrashWhen): Promise<string | null> {
  const scenario = await crashScenario(env)
  const crashed = await runCrashChild(scenario.sync.env, cli('run', '--once'), { at, when })
  const problems = [endProblem(crashed, at, when), ...strayEffects(scenario, crashed.effects)]
  let last: CliResult | null = null
  for (let run = 1; run <= recoveryRuns && last?.code !== 0; run++) {
    last = await scenario.sync.run('run', '--once')
  }
  if (last?.code !== 0) {
    problems.push(
      `run --once still ends with ${last?.code} after ${recoveryRuns} runs:\n${last?.stdout}${last?.stderr}`,
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
  const points = crashPoints(run.effects.length).filter(
    (at) => when === 'before' || endsAStep(run.effects[at - 1]),
  )
  console.log(
    `crash ${when}: ${points.length} of ${run.effects.length} side effects tried` +
      (points.length < run.effects.length ? `: ${points.join(', ')}` : ''),
  )
  const limit = pLimit(sweepWidth)
  const outcomes = await Promise.all(points.map((at) => limit(() => crashAndRecover(at, when))))
  const failures = outcomes.filter((failure) => failure !== null)
  for (const failure of failures) console.log(failure)
  expect(failures).toEqual([])
}

/** Three side effects through ESM named imports: a sync write, a rename, an HTTP request. */
const threeEffects = `
import { writeFileSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { request } from 'node:http'
writeFileSync(process.env.FIRST, 'bytes')
await rename(process.env.FIRST, process.env.SECOND)
await new Promise((answered, failed) =>
  request(process.env.ADDRESS, (answer) => answer.resume().on('end', answered))
    .on('error', failed)
    .end(),
)
`

describe('the crash hook', () => {
  it('counts side effects through ESM named imports and dies just before or just after one', async () => {
    let hits = 0
    const server = createServer((_request, response) => {
      hits += 1
      response.end('ok')
    })
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
    const folder = await tempDir('crash-hook-')
    const childEnv = {
      FIRST: join(folder, 'first'),
      SECOND: join(folder, 'second'),
      ADDRESS: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hit`,
    }
    const script = ['--input-type=module', '-e', threeEffects]
    const crashed = (at: number, when: CrashWhen) => runCrashChild(childEnv, script, { at, when })
    try {
      const clean = await runCrashChild(childEnv, script)
      expect(clean).toMatchObject({ code: 0, counted: 3 })
      expect(clean.effects.map((effect) => `${effect.kind} ${effect.target}`)).toEqual([
        `fs.writeFileSync ${childEnv.FIRST}`,
        `fs.promises.rename ${childEnv.FIRST} -> ${childEnv.SECOND}`,
        `http.request GET ${childEnv.ADDRESS}`,
      ])
      expect(hits).toBe(1)

      await rm(childEnv.SECOND)
      expect(await crashed(2, 'before')).toMatchObject({ signal: 'SIGKILL', counted: null })
      expect([existsSync(childEnv.FIRST), existsSync(childEnv.SECOND)]).toEqual([true, false])
      await rm(childEnv.FIRST)
      expect((await crashed(2, 'after')).signal).toBe('SIGKILL')
      expect([existsSync(childEnv.FIRST), existsSync(childEnv.SECOND)]).toEqual([false, true])

      expect((await crashed(3, 'before')).signal).toBe('SIGKILL')
      expect(hits).toBe(1)
      expect((await crashed(3, 'after')).signal).toBe('SIGKILL')
      expect(hits).toBe(2)
    } finally {
      server.close()
    }
  })

  it('tries every crash point of a short run, and of a long one both ends and an even spread', () => {
    expect(crashPoints(5)).toEqual([1, 2, 3, 4, 5])
    const sampled = crashPoints(400)
    expect(sampled).toHaveLength(150)
    expect(sampled).toEqual([...new Set(sampled)].sort((a, b) => a - b))
    expect(sampled.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(sampled.slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => 381 + i))
    const gaps = sampled.slice(20, -20).map((at, i) => at - sampled[19 + i]!)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4)
  })
})

describe('a crash at any side effect of run --once, then the next runs', () => {
  it('counts writes and requests of a clean run, all inside the root, the data folder or 127.0.0.1', async () => {
    const { scenario, run } = await cleanRun()
    expect(run.code, run.stderr).toBe(0)
    expect(run.counted).toBe(run.effects.length)
    const kinds = new Set(run.effects.map((effect) => effect.kind))
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'fs.mkdirSync',
        'fs.promises.mkdir',
        'fs.promises.open',
        'handle.writev',
        'handle.sync',
        'fs.promises.link',
        'http.request',
      ]),
    )
    expect(
      run.effects.filter((effect) => effect.target.includes('/_storage/upload/')),
    ).toHaveLength(4)
    expect(strayEffects(scenario, run.effects)).toEqual([])
    expect(await divergence(env, scenario)).toEqual([])
  })

  it('converge after a crash just before any side effect', () => sweep('before'), sweepTimeoutMs)

  it(
    'converge after a crash just after any request or finished step on disk',
    () => sweep('after'),
    sweepTimeoutMs,
  )
})
