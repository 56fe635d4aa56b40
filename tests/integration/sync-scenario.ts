// Plays one generated scenario against a fresh project and folder through the CLI: the steps,
// then syncs until quiet, then the invariants. Throws with every broken one described.
import { readdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { setTimeout as wait } from 'node:timers/promises'
import type { TestEnv } from './checked-emulator'
import { localTree, syncSetup, type SyncSetup } from './cli-harness'
import { type ChangeContext, changeLocal, changeRemote, isLocalChange } from './sync-changes'
import { type Observed, type ReportedIssue, unexpectedIssues, violations } from './sync-invariants'
import { ScenarioModel, observeRemote } from './sync-model'
import { type Step, faultRules, slowTransfers } from './sync-steps'

/** Syncs after the steps before the scenario must be quiet. */
const quietWithin = 4

interface Scenario {
  env: TestEnv
  sync: SyncSetup
  model: ScenarioModel
  paused: { all: boolean; root: boolean }
}

export async function playScenario(env: TestEnv, steps: readonly Step[]): Promise<void> {
  const scenario: Scenario = {
    env,
    sync: await syncSetup(env),
    model: new ScenarioModel(),
    paused: { all: false, root: false },
  }
  const log: string[] = []
  for (const step of steps) {
    log.push(await play(scenario, step))
    scenario.model.observe(await observeRemote(env.emulator, scenario.sync.projectId))
  }
  await resume(scenario)
  const observed = await syncUntilQuiet(scenario, log)
  const broken = violations(scenario.model, observed)
  if (broken.length > 0) {
    throw new Error(
      `${broken.join('\n')}\n\nsteps as played:\n${log.join('\n')}\n\nopen issues:\n` +
        describeIssues(observed.issues),
    )
  }
}

function describeIssues(issues: readonly ReportedIssue[]): string {
  return issues.map((issue) => `  ${issue.path} [${issue.problem}] ${issue.reason}`).join('\n')
}

interface RunSummary {
  held: Array<{ reason: string }>
  stalled: string | null
}

/** One `run --once`, a fresh process state each time; faults injected for it end with it. */
async function syncOnce(scenario: Scenario): Promise<{ text: string; summary: RunSummary }> {
  const result = await scenario.sync.run('run', '--once', '--json')
  scenario.env.emulator.faults.clear()
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`run --once exited ${result.code}: ${result.stderr}`)
  }
  const summary = JSON.parse(result.stdout) as RunSummary
  const trouble = [...summary.held.map((root) => root.reason), summary.stalled ?? []].flat()
  return { text: `sync: exit ${result.code}${trouble.map((why) => `, ${why}`).join('')}`, summary }
}

/** A sync with slow transfers, and a change made while it runs (or, by chance, just before). */
async function syncWhile(
  scenario: Scenario,
  step: Extract<Step, { kind: 'sync-while-writing' | 'sync-while-pausing' }>,
): Promise<string> {
  const { env, sync } = scenario
  env.emulator.faults.add(slowTransfers)
  const running = syncOnce(scenario)
  await wait(step.afterMs)
  let change: string
  if (step.kind === 'sync-while-pausing') {
    await expectOk(sync.run('pause'))
    scenario.paused.all = true
    change = 'pause all'
  } else {
    const { folder, name, content } = step
    change = await changeLocal(contextOf(scenario), { kind: 'local-write', folder, name, content })
  }
  return `${(await running).text}, and after ${step.afterMs} ms: ${change}`
}

async function observe(scenario: Scenario): Promise<Observed> {
  const { sync, env } = scenario
  const issues = await sync.run('issues', '--json')
  if (issues.code !== 0) throw new Error(`issues --json exited ${issues.code}: ${issues.stderr}`)
  return {
    local: await localTree(sync.root),
    remote: await observeRemote(env.emulator, sync.projectId),
    issues: JSON.parse(issues.stdout) as ReportedIssue[],
    besideRoot: await readdir(dirname(sync.root)),
  }
}

/** Syncs until a run ends in step, or held back only by the issues the scenario explains. */
async function syncUntilQuiet(scenario: Scenario, log: string[]): Promise<Observed> {
  for (let attempt = 1; ; attempt++) {
    const { text, summary } = await syncOnce(scenario)
    log.push(`final ${text}`)
    const observed = await observe(scenario)
    scenario.model.observe(observed.remote)
    const unexpected = unexpectedIssues(scenario.model, observed)
    const stopped = summary.stalled !== null || summary.held.length > 0
    if (unexpected.length === 0 && !stopped) return observed
    if (attempt === quietWithin) {
      throw new Error(
        `still not in step after ${quietWithin} syncs (see the last one); unexplained issues:\n` +
          `${describeIssues(unexpected)}\n\nsteps as played:\n${log.join('\n')}\n\n` +
          `open issues:\n${describeIssues(observed.issues)}`,
      )
    }
  }
}

async function resume(scenario: Scenario): Promise<void> {
  const { sync, paused } = scenario
  if (paused.all) await expectOk(sync.run('resume'))
  if (paused.root) await expectOk(sync.run('resume', sync.root))
  paused.all = false
  paused.root = false
}

async function expectOk(result: Promise<{ code: number; stderr: string }>): Promise<void> {
  const { code, stderr } = await result
  if (code !== 0) throw new Error(`a CLI command failed (${code}): ${stderr}`)
}

function contextOf(scenario: Scenario): ChangeContext {
  const { env, sync, model } = scenario
  return { emulator: env.emulator, projectId: sync.projectId, root: sync.root, model }
}

/** Carries out one step; answers what it did, for the failure report. */
async function play(scenario: Scenario, step: Step): Promise<string> {
  const { sync, env } = scenario
  const context = contextOf(scenario)
  switch (step.kind) {
    case 'pause':
      await expectOk(step.scope === 'all' ? sync.run('pause') : sync.run('pause', sync.root))
      scenario.paused[step.scope] = true
      return `pause ${step.scope}`
    case 'resume':
      await resume(scenario)
      return 'resume'
    case 'fault':
      env.emulator.faults.add(faultRules[step.fault])
      return `fault for the next sync: ${step.fault}`
    case 'sync':
      return (await syncOnce(scenario)).text
    case 'sync-while-writing':
    case 'sync-while-pausing':
      return syncWhile(scenario, step)
    default:
      return isLocalChange(step) ? changeLocal(context, step) : changeRemote(context, step)
  }
}
