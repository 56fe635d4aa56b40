// Continuous syncing as the app and `run` do it: the watcher notices a new local file and it is
// uploaded once it settles; a file added in Frame.io arrives on the next remote walk; a file still
// being written waits; stopping ends the loop and the watchers.
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SyncEngine } from '../../src/core/engine'
import { ContinuousSync } from '../../src/core/engine/continuous'
import { createWatcher } from '../../src/core/local'
import { type SyncIndex, openIndex } from '../../src/core/sync-index'
import { useEmulator } from './checked-emulator'
import { md5Of, remoteTree, syncSetup } from './cli-harness'

const env = useEmulator()

let dir: string
let index: SyncIndex
let engine: SyncEngine
let continuous: ContinuousSync

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'continuous-'))
})

afterEach(async () => {
  await continuous?.stop()
  await engine?.stop()
  index?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('continuous sync', () => {
  it('uploads settled local files, waits for growing ones, and downloads new remote files', async () => {
    const sync = await syncSetup(env, { readyAfter: 1 })
    index = openIndex(join(sync.env['FRAMEIO_SYNC_HOME']!, 'index.sqlite'))
    engine = new SyncEngine({ index, client: sync.client })
    continuous = new ContinuousSync({
      engine,
      watcher: createWatcher(),
      remoteEveryMs: 500,
      debounceMs: 100,
    })
    continuous.start()
    await mkdir(join(sync.root, 'Day 1'))
    await writeFile(join(sync.root, 'Day 1', 'take.mov'), 'take')
    await vi.waitFor(
      async () =>
        expect((await remoteTree(env.emulator, sync.projectId)).get('Day 1/take.mov')?.md5).toBe(
          md5Of('take'),
        ),
      { timeout: 15_000, interval: 200 },
    )

    const growing = join(sync.root, 'growing.mov')
    await writeFile(growing, 'part 1')
    for (let i = 2; i <= 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 400))
      await appendFile(growing, ` part ${i}`)
      expect((await remoteTree(env.emulator, sync.projectId)).has('growing.mov')).toBe(false)
    }
    await vi.waitFor(
      async () =>
        expect((await remoteTree(env.emulator, sync.projectId)).get('growing.mov')?.md5).toBe(
          md5Of('part 1 part 2 part 3 part 4 part 5 part 6'),
        ),
      { timeout: 15_000, interval: 200 },
    )

    await sync.addRemote({ files: { 'From Frame.io/cut.mov': { text: 'the cut' } } })
    await vi.waitFor(
      async () =>
        expect(await readFile(join(sync.root, 'From Frame.io', 'cut.mov'), 'utf8')).toBe('the cut'),
      { timeout: 15_000, interval: 200 },
    )
    await continuous.stop()
    expect(engine.snapshot().roots[0]).toMatchObject({ status: 'idle' })
  })
})
