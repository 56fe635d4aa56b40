// Measure 3: a large root watched by ContinuousSync once its first pass is done: the process's CPU
// over a window right after that pass (while the files' readiness windows run out) and over one
// remote-walk cycle once nothing settles, with the passes made meanwhile (full rescans only on
// their schedule).
import { SyncEngine } from '../../../src/core/engine'
import { ContinuousSync } from '../../../src/core/engine/continuous'
import { sleep } from '../../../src/core/frameio/sleep'
import { createWatcher } from '../../../src/core/local'
import { openIndex } from '../../../src/core/sync-index'
import { type EmulatorProcess, seedUser } from './emulator'
import { type PassRecord, passAfter, recordPasses, seconds } from './passes'
import type { Row } from './table'
import type { TreeShape } from './tree'

interface CpuWindow {
  cpuPercent: number
  seconds: number
  passes: PassRecord[]
}

function cpuPercent(cpu: NodeJS.CpuUsage, wallMs: number): number {
  return ((cpu.user + cpu.system) / 1000 / wallMs) * 100
}

/** The process's CPU time over the next `ms` of wall time, and the passes that started in it. */
async function nextWindow(passes: PassRecord[], ms: number): Promise<CpuWindow> {
  const before = passes.length
  const cpuBefore = process.cpuUsage()
  const startedAt = performance.now()
  await sleep(ms)
  const wallMs = performance.now() - startedAt
  return {
    cpuPercent: cpuPercent(process.cpuUsage(cpuBefore), wallMs),
    seconds: wallMs / 1000,
    passes: passes.slice(before),
  }
}

/** From the start of the next remote-walk pass to the start of the one after: one cycle. */
async function nextWalkCycle(passes: PassRecord[]): Promise<CpuWindow> {
  const walks = (pass: PassRecord) => pass.walkRemote
  const from = await passAfter(passes, passes.length, walks, 'A scheduled remote walk')
  const fromIndex = passes.indexOf(from)
  const to = await passAfter(passes, fromIndex + 1, walks, 'The next scheduled remote walk')
  const wallMs = to.startedAt - from.startedAt
  return {
    cpuPercent: cpuPercent(
      {
        user: to.cpuAtStart.user - from.cpuAtStart.user,
        system: to.cpuAtStart.system - from.cpuAtStart.system,
      },
      wallMs,
    ),
    seconds: wallMs / 1000,
    passes: passes.slice(fromIndex, passes.indexOf(to)),
  }
}

function describePasses(window: CpuWindow): string {
  const count = window.passes.length
  if (count === 0) return 'no passes'
  const took = window.passes.map(seconds)
  const walks = window.passes.filter((pass) => pass.walkRemote).length
  const kinds = [...new Set(window.passes.map((pass) => pass.local))].join('/')
  const each =
    count === 1
      ? `${took[0]!.toFixed(1)} s`
      : `${Math.min(...took).toFixed(1)}-${Math.max(...took).toFixed(1)} s each, ${took.reduce((a, b) => a + b, 0).toFixed(1)} s in all`
  return `${count} pass${count === 1 ? '' : 'es'} (${kinds}; ${walks} with a remote walk), ${each}`
}

export async function measureIdle(
  emulator: EmulatorProcess,
  tree: string,
  indexPath: string,
  shape: TreeShape,
  windowMs: number,
): Promise<Row[]> {
  const { client, project } = await seedUser(emulator, 'Idle', { name: 'Idle (empty)' })
  const index = openIndex(indexPath)
  const engine = new SyncEngine({ index, client })
  // Download-only keeps it local: the project is empty, so nothing is transferred either way.
  const root = await engine.addRoot({
    projectId: project.id,
    localPath: tree,
    mode: 'download-only',
  })
  const passes = recordPasses(engine)
  const notes: string[] = []
  const continuous = new ContinuousSync({
    engine,
    watcher: createWatcher({ onFallback: (error) => notes.push(`chokidar: ${error.message}`) }),
    log: (message) => notes.push(message),
  })
  continuous.start()
  try {
    const first = await passAfter(passes, 0, (pass) => pass.endedAt !== null, 'The first pass')
    // Let the loop finish its first round (drain) and go idle before the window opens.
    await sleep(1_000)
    const afterFirst = await nextWindow(passes, windowMs)
    const settled = await nextWalkCycle(passes)
    const settlingAfter = engine.snapshot().settling.length
    const watched = `${shape.files.toLocaleString('en')} files watched`
    const how = `process.cpuUsage delta / wall time${notes.length ? `; ${notes.join('; ')}` : ''}`
    const fullRescans = [...afterFirst.passes, ...settled.passes].filter(
      (pass) => pass.local === 'full',
    ).length
    return [
      [
        `idle CPU, ${watched}: ${afterFirst.seconds.toFixed(0)} s right after the first pass (${seconds(first).toFixed(1)} s), files settling (${root.readyAfterSeconds} s window)`,
        `${afterFirst.cpuPercent.toFixed(2)}%`,
        `${how}; ${describePasses(afterFirst)}`,
        '',
        '< 1%',
      ],
      [
        `idle CPU, ${watched}: one remote-walk cycle (${settled.seconds.toFixed(0)} s) after that`,
        `${settled.cpuPercent.toFixed(2)}%`,
        `${how}, pass start to next pass start; ${describePasses(settled)}; ${settlingAfter} files still settling`,
        '',
        '< 1%',
      ],
      [
        `full rescans in both idle windows, ${watched}`,
        String(fullRescans),
        'passes with a full local scan, counted by wrapping engine.passRoot; scheduled every 10 min',
        '',
        '0',
      ],
    ]
  } finally {
    await continuous.stop()
    await engine.stop()
    index.close()
  }
}
