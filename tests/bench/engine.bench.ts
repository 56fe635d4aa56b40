// The engine at size: the initial index of 100,000 files against `find | wc -l` and its peak RSS,
// beside the least such a scan can cost here; change -> upload start after the readiness window;
// idle CPU and rescans with 100,000 files watched; a remote walk at the documented rate limits.
// Run: npm run bench -- engine (ENGINE_BENCH_FULL=1 walks the full 1,000 folders / 20,000 files,
// ~7 minutes of walking alone).
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, test } from 'vitest'
import { type EmulatorProcess, startEmulatorProcess } from './engine/emulator'
import { measureIdle } from './engine/idle'
import { measureInitialIndex } from './engine/initial-index'
import { measureRemoteWalk } from './engine/remote-walk'
import { measureScanFloor } from './engine/scan-floor'
import { formatTable } from './engine/table'
import { type TreeShape, createTree } from './engine/tree'
import { measureUploadLatency } from './engine/upload-latency'

const full = process.env['ENGINE_BENCH_FULL'] === '1'
const localTree: TreeShape = { folders: 1_000, files: 100_000 }
const remoteTree: TreeShape = full
  ? { folders: 1_000, files: 20_000 }
  : { folders: 100, files: 2_000 }
const sizeNote = full ? 'full size' : 'default size; ENGINE_BENCH_FULL=1 runs 1,000 / 20,000'

let dir: string
let emulator: EmulatorProcess

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-bench-'))
  emulator = await startEmulatorProcess(join(dir, 'emulator'))
}, 60_000)

afterAll(async () => {
  emulator?.stop()
  await rm(dir, { recursive: true, force: true })
})

test(
  'engine: initial index, change -> upload, idle with 100,000 files, remote walk at the limits',
  async () => {
    const tree = join(dir, 'tree')
    await mkdir(tree)
    createTree(tree, localTree)
    const rows = [
      ...(await measureInitialIndex(tree, join(dir, 'initial.db'), localTree)),
      ...(await measureScanFloor(tree, dir)),
      ...(await measureUploadLatency(emulator, join(dir, 'latency'), join(dir, 'latency.db'), {
        files: 30,
        everyMs: 200,
        readyAfterSeconds: 1,
      })),
      ...(await measureIdle(emulator, tree, join(dir, 'idle.db'), localTree, 60_000)),
      ...(await measureRemoteWalk(emulator, remoteTree, sizeNote)),
    ]
    console.log(
      formatTable(
        'engine benchmark (emulator in its own process on 127.0.0.1, data on disk; documented rate limits on):',
        rows,
      ),
    )
  },
  full ? 1_800_000 : 900_000,
)
