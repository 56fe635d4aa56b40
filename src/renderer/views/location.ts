// Where a transfer or settling file lives, for people: "in Trailer/Shots".
import type { SyncRoot } from '../../shared'
import { baseName } from '../format'

export function fileLocation(path: string, rootId: string, roots: SyncRoot[]): string {
  const root = roots.find((candidate) => candidate.id === rootId)
  const folders = path.split('/').slice(0, -1)
  return ['in', [root ? baseName(root.localPath) : 'a synced folder', ...folders].join('/')].join(
    ' ',
  )
}
