// Measure 1: the initial index of a large tree (the engine's local scan into a fresh index file)
// against `find | wc -l` over the same tree, both with a warm cache, and the peak RSS meanwhile.
import { expect } from 'vitest'
import { defaultSettings } from '../../../src/shared'
import { scanLocal } from '../../../src/core/engine/local-state'
import { createIgnoreRules, scanRoot } from '../../../src/core/local'
import { type RootRecord, type SyncIndex, openIndex } from '../../../src/core/sync-index'
import type { Row } from './table'
import { type TreeShape, findCount, megabytes, sampleRss, timed } from './tree'

/** The tree as a root of a fresh index, as `add` would record it. */
export function addTreeRoot(index: SyncIndex, tree: string): RootRecord {
  return index.roots.add({
    id: 'initial-index',
    localPath: tree,
    accountId: 'account',
    workspaceId: 'workspace',
    projectId: 'project',
    projectName: 'Initial index',
    rootFolderId: 'root-folder',
    mode: 'two-way',
    readyAfterSeconds: defaultSettings.readyAfterSeconds,
    caseInsensitive: false,
  })
}

export async function measureInitialIndex(
  tree: string,
  indexPath: string,
  shape: TreeShape,
): Promise<Row[]> {
  expect(await findCount(tree)).toBe(shape.files)
  const find = await timed(() => findCount(tree))
  const findStat = await timed(() => findCount(tree, { stat: true }))
  expect(findStat.value).toBe(shape.files)

  const index = openIndex(indexPath)
  const root = addTreeRoot(index, tree)
  const ignore = await createIgnoreRules({
    rootPath: tree,
    extraPatterns: defaultSettings.ignorePatterns,
  })
  const rssBefore = process.memoryUsage().rss
  const rss = sampleRss()
  const scan = await timed(() => scanLocal(index, root, ignore, Date.now))
  const rssPeak = rss.stop()
  const indexed = index.stats().rows.local_files
  index.close()
  // Where the time goes: the same walk without the index writes.
  const walkOnly = await timed(async () => {
    let items = 0
    for await (const batch of scanRoot({ rootPath: tree, ignore }))
      items += batch.filter((item) => item.kind !== 'unreadable').length
    return items
  })
  expect(walkOnly.value).toBe(indexed)
  expect(scan.value, 'a first scan finds everything new').toBe(true)
  expect(indexed).toBe(shape.files + shape.folders)

  const size = `${shape.files.toLocaleString('en')} files in ${shape.folders.toLocaleString('en')} folders`
  return [
    [
      `initial index of ${size} (scanLocal into a fresh index file)`,
      `${scan.seconds.toFixed(2)} s`,
      `find | wc -l ${find.seconds.toFixed(2)} s, warm cache for both; for reference: find -printf '%s %T@' (stats each file) ${findStat.seconds.toFixed(2)} s, scanRoot alone (no index writes) ${walkOnly.seconds.toFixed(2)} s`,
      `${(scan.seconds / find.seconds).toFixed(1)}x`,
      '<= 5x',
    ],
    [
      'peak RSS during the initial index (sampled every 50 ms)',
      megabytes(rssPeak),
      `${megabytes(rssBefore)} held before it started`,
      `+${megabytes(rssPeak - rssBefore)}`,
      '< 300 MB',
    ],
  ]
}
