// Measure 4: walking a seeded project with RemoteWalker while the emulator enforces Frame.io's
// documented rate limits: the calls it made, how long it took, and the 429s the emulator sent.
import { expect } from 'vitest'
import { toLocalName } from '../../../src/core/local'
import { RemoteWalker } from '../../../src/core/remote'
import type { SeedProject } from '../../emulator/seed.ts'
import { type EmulatorProcess, seedUser } from './emulator'
import type { Row } from './table'
import { type TreeShape, timed } from './tree'

/** `folders` folders, a tenth of them at the top with nine below each, files spread evenly. */
function projectOf({ folders, files }: TreeShape): SeedProject {
  const paths: string[] = []
  for (let top = 0; top < folders / 10; top++) {
    paths.push(`t${top}`)
    for (let below = 0; below < 9; below++) paths.push(`t${top}/s${below}`)
  }
  const contents: SeedProject['files'] = {}
  for (let file = 0; file < files; file++) {
    contents[`${paths[file % paths.length]!}/c${file}.bin`] = { size: 16 }
  }
  return { name: 'Walk', folders: paths, files: contents }
}

export async function measureRemoteWalk(
  emulator: EmulatorProcess,
  shape: TreeShape,
  sizeNote: string,
): Promise<Row[]> {
  const { client, accountId, project } = await seedUser(emulator, 'Walker', projectOf(shape))
  await emulator.control('PATCH', 'settings', { rateLimits: true, rateLimitScale: 1 })
  await emulator.control('DELETE', 'requests')
  const walker = new RemoteWalker({
    client,
    accountId,
    rootFolderId: project.rootFolderId,
    placeName: (name) => toLocalName(name, process.platform),
  })
  const walk = await timed(async () => {
    let folders = 0
    let files = 0
    for await (const listing of walker.walk()) {
      folders += 1
      files += listing.children.filter((child) => child.kind === 'file').length
    }
    return { folders, files }
  })
  const { requests } = await emulator.control<{ requests: Array<{ status: number }> }>(
    'GET',
    'requests',
  )
  expect(walk.value).toEqual({ folders: shape.folders + 1, files: shape.files })
  const refused = requests.filter((request) => request.status === 429).length
  const calls = walker.callsMade
  return [
    [
      `remote walk, ${shape.folders.toLocaleString('en')} folders / ${shape.files.toLocaleString('en')} files, documented limits on (${sizeNote})`,
      `${walk.seconds.toFixed(1)} s, ${calls} calls, ${refused} x 429`,
      `${(calls / walk.seconds).toFixed(2)} calls/s over files.list + folders.list (half budget: 2 x 2.5/s); ${requests.length} requests in the emulator log`,
      '',
      '0 x 429',
    ],
  ]
}
