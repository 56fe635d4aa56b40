// The reconciler's test kit: fact builders (a ready 100-byte file or a folder, with defaults that
// make a synced entry equal to the facts built beside it) and the policy-table plumbing.
import { expect } from 'vitest'
import {
  type Action,
  type Entry,
  type IssueProblem,
  type LocalFact,
  type PlanInput,
  type RemoteFact,
  type SyncMode,
  reconcile,
} from '../../../src/core/plan'

export const syncedAtMs = 1_700_000_000_000
export const syncedSize = 100
export const syncedHash = '0123456789abcdef'

export function localFile(path: string, more: Partial<LocalFact> = {}): LocalFact {
  return {
    path,
    diskPath: path,
    kind: 'file',
    size: syncedSize,
    mtimeMs: syncedAtMs,
    ready: true,
    xxh64: null,
    ...more,
  }
}

export function localFolder(path: string): LocalFact {
  return localFile(path, { kind: 'folder', size: 0 })
}

export function remoteFile(path: string, id: string, more: Partial<RemoteFact> = {}): RemoteFact {
  return {
    path,
    id,
    parentId: 'project-root',
    kind: 'file',
    name: path.slice(path.lastIndexOf('/') + 1),
    size: syncedSize,
    updatedAt: '2025-01-01T00:00:00.000Z',
    ready: true,
    refused: null,
    ...more,
  }
}

export function remoteFolder(path: string, id: string): RemoteFact {
  return remoteFile(path, id, { kind: 'folder', size: 0 })
}

export function entry(path: string, remoteId: string, more: Partial<Entry> = {}): Entry {
  return {
    path,
    diskPath: path,
    kind: 'file',
    size: syncedSize,
    mtimeMs: syncedAtMs,
    xxh64: syncedHash,
    remoteId,
    remoteParentId: 'project-root',
    remoteUpdatedAt: '2025-01-01T00:00:00.000Z',
    state: 'synced',
    ...more,
  }
}

export function folderEntry(path: string, remoteId: string, more: Partial<Entry> = {}): Entry {
  return entry(path, remoteId, { kind: 'folder', size: 0, xxh64: null, ...more })
}

export const clip = localFile('clip.mov')
export const remoteClip = remoteFile('clip.mov', 'r1')
export const localShots = localFolder('shots')
export const remoteShots = remoteFolder('shots', 'r2')

export const allModes: SyncMode[] = ['two-way', 'upload-only', 'download-only']
export const uploadingModes: SyncMode[] = ['two-way', 'upload-only']
export const downloadingModes: SyncMode[] = ['two-way', 'download-only']

export type Facts = Partial<Omit<PlanInput, 'mode'>>

/** One row of the policy table: in each of `modes`, `facts` plan exactly `expected`. */
export interface PolicyRow {
  rule: string
  modes: SyncMode[]
  facts: Facts
  expected: Action[]
}

export function plan(mode: SyncMode, facts: Facts): Action[] {
  return reconcile({ mode, entries: [], local: [], remote: [], ...facts })
}

/** A row per mode, for `it.each`. */
export function policyCases(rows: PolicyRow[]): (PolicyRow & { mode: SyncMode })[] {
  return rows.flatMap((row) => row.modes.map((mode) => ({ ...row, mode })))
}

/** An issue on `path`; its message must at least name the path (the wording is tested apart). */
export function issueAt(path: string, problem: IssueProblem): Action {
  return { type: 'issue', path, problem, message: expect.stringContaining(`"${path}"`) }
}
