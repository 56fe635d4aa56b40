// The small two-way world the crash sweep starts from every time, and what "converged" means for
// it: every file on both sides with the same bytes, nothing twice, nothing partial, nothing written
// outside the root or the data folder.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, realpath, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import type { TestEnv } from './checked-emulator'
import { localTree, md5Of, remoteTree, type SyncSetup, syncSetup } from './cli-harness'
import type { SideEffect } from './crash-harness'

/** Upload parts are this small in the sweep, so the larger local file goes up in three. */
export const sweepPartSize = 4_000

const remoteFiles = {
  'Remote/inside.bin': { size: 3_000 },
  'top-remote.txt': { text: 'made in Frame.io\n'.repeat(100) },
}
const folders = ['Local', 'Remote']

export interface CrashScenario {
  sync: SyncSetup
  /** The root and the CLI's data folder (settings, tokens, index), as given and as resolved. */
  writable: string[]
  /** Every file that must end up on both sides, by path, with its MD5. */
  expected: Map<string, string>
}

/** A fresh project and root: one remote folder with a file, one remote file, the same locally. */
export async function crashScenario(env: TestEnv): Promise<CrashScenario> {
  const sync = await syncSetup(env, { remote: { files: remoteFiles }, readyAfter: 0 })
  const expected = new Map<string, string>()
  for (const [path, item] of await remoteTree(env.emulator, sync.projectId)) {
    if (item.type === 'file' && item.md5) expected.set(path, item.md5)
  }
  const localFiles = {
    'Local/inside-local.bin': randomBytes(sweepPartSize * 2 + 1_500),
    'top-local.txt': Buffer.from('made here\n'.repeat(200)),
  }
  for (const [path, bytes] of Object.entries(localFiles)) {
    await mkdir(dirname(join(sync.root, path)), { recursive: true })
    await writeFile(join(sync.root, path), bytes)
    expected.set(path, md5Of(bytes))
  }
  const home = sync.env['FRAMEIO_SYNC_HOME']!
  const writable = [sync.root, await realpath(sync.root), home, await realpath(home)]
  return { sync, writable, expected }
}

function insideAny(folders: string[], path: string): boolean {
  return folders.some((folder) => path === folder || path.startsWith(folder + sep))
}

/** Side effects aimed anywhere but the root, the data folder and the emulator on 127.0.0.1. */
export function strayEffects(scenario: CrashScenario, effects: SideEffect[]): string[] {
  return effects
    .filter((effect) => {
      if (/^https?\./.test(effect.kind)) {
        return !/^\w+ http:\/\/127\.0\.0\.1:\d+\//.test(effect.target)
      }
      if (effect.target.startsWith('fd ')) return false
      return effect.target.split(' -> ').some((path) => !insideAny(scenario.writable, path))
    })
    .map((effect) => `side effect ${effect.n} (${effect.kind}) went to ${effect.target}`)
}

/** Everything that keeps the two sides from being in step, in words; empty when they are. */
export async function divergence(env: TestEnv, scenario: CrashScenario): Promise<string[]> {
  const { sync, expected } = scenario
  const problems: string[] = []
  const local = await localTree(sync.root)
  const remote = await remoteTree(env.emulator, sync.projectId)
  for (const [path, md5] of expected) {
    if (!local.has(path)) problems.push(`${path} is missing locally`)
    else if (local.get(path) !== md5) problems.push(`${path} has other bytes locally`)
    const item = remote.get(path)
    if (!item) problems.push(`${path} is missing in Frame.io`)
    else if (item.status === 'created') {
      problems.push(`${path} is an unfinished upload in Frame.io (status created)`)
    } else if (item.md5 !== md5) problems.push(`${path} has other bytes in Frame.io`)
  }
  for (const path of local.keys()) {
    if (!expected.has(path)) problems.push(`unexpected local file ${path} (a partial download?)`)
  }
  for (const [path, item] of remote) {
    const known = item.type === 'folder' ? folders.includes(path) : expected.has(path)
    if (!known) {
      problems.push(`unexpected ${item.type} in Frame.io: ${path} (status ${item.status})`)
    }
  }
  const besideRoot = await readdir(dirname(sync.root))
  if (besideRoot.join() !== 'Synced') {
    problems.push(`the folder holding the root has ${besideRoot.join(', ')}`)
  }
  return problems
}

/** Both sides as lists, for a failure report. */
export async function describeState(env: TestEnv, scenario: CrashScenario): Promise<string> {
  const local = [...(await localTree(scenario.sync.root))].map(([path, md5]) => `${path} ${md5}`)
  const remote = [...(await remoteTree(env.emulator, scenario.sync.projectId))].map(
    ([path, item]) => `${path} ${item.type} ${item.status} ${item.md5 ?? ''}`,
  )
  return [
    'local:',
    ...local.map((line) => `  ${line}`),
    'Frame.io:',
    ...remote.map((line) => `  ${line}`),
  ].join('\n')
}
