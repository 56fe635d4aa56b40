// Measure 3: a large root watched by ContinuousSync once its first pass is done: the process's CPU
// over a quiet window and the passes it made meanwhile (full rescans should only come on schedule).
import { SyncEngine } from '../../../src/core/engine'
import { ContinuousSync } from '../../../src/core/engine/continuous'
import { sleep } from '../../../src/core/frameio/sleep'
import { createWatcher } from '../../../src/core/local'
import { openIndex } from '../../../src/core/sync-index'
import type { EmulatorProcess } from './emulator'
import { seedUser } from './emulator'
import { firstPassEnded, recordPasses } from './passes'
import type { Row } from './table'
import type { TreeShape } from './tree'

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
  await engine.addRoot({ projectId: project.id, localPath: tree, mode: 'download-only' })
  const passes = recordPasses(engine)
  const notes: string[] = []
  const continuous = new ContinuousSync({
    engine,
    watcher: createWatcher({ onFallback: (error) => notes.push(`chokidar: ${error.message}`) }),
    log: (message) => notes.push(message),
  })
  continuous.start()
  try {
    const first = await firstPassEnded(passes, `the ${shape.files}-file root`)
    const firstSeconds = (first.endedAt! - first.startedAt) / 1000
    // Let the loop finish the first round (drain) and go idle before the window opens.
    await sleep(1_000)
    const before = passes.length
    const cpuBefore = process.cpuUsage()
    const startedAt = performance.now()
    await sleep(windowMs)
    const cpu = process.cpuUsage(cpuBefore)
    const wallMs = performance.now() - startedAt
    const inWindow = passes.slice(before)
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100
    const fullRescans = inWindow.filter((pass) => pass.local === 'full').length
    const walks = inWindow.filter((pass) => pass.walkRemote).length
    const passSeconds = inWindow.map((pass) => ((pass.endedAt ?? Date.now()) - pass.startedAt) / 1000)
    const watched = `${shape.files.toLocaleString('en')} files watched`
    return [
      [
        `idle CPU, ${watched}, ${(wallMs / 1000).toFixed(0)} s after the first pass (${firstSeconds.toFixed(1)} s) ended`,
        `${cpuPercent.toFixed(2)}%`,
        `process.cpuUsage delta / wall time; ${inWindow.length} passes in the window (${walks} with a remote walk), taking ${passSeconds.map((s) => `${s.toFixed(2)} s`).join(', ') || 'nothing'}${notes.length ? `; ${notes.join('; ')}` : ''}`,
        '',
        '< 1%',
      ],
      [
        `full rescans while idle, ${watched}`,
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
