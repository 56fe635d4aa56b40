// The sync index's test kit: databases in temp folders (closed and removed after each test), a
// clock moved by hand, and row builders with defaults for one root.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import type { Entry, RemoteFact } from '../../../src/core/plan/facts'
import {
  type EntryInput,
  type LocalFileRecord,
  type NewRoot,
  type SyncIndex,
  openIndex,
} from '../../../src/core/sync-index'

export const startMs = 1_700_000_000_000

export class ManualClock {
  time = startMs
  readonly now = (): number => this.time
  advance(ms: number): void {
    this.time += ms
  }
}

/** A path for an index file in a fresh temp folder that is removed after the test. */
export function tempIndexPath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sync-index-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  return join(folder, 'index.sqlite')
}

/** Opens an index (in memory unless a path is given) on a manual clock, closed after the test. */
export function openTestIndex(path = ':memory:'): { index: SyncIndex; clock: ManualClock } {
  const clock = new ManualClock()
  const index = openIndex(path, { now: clock.now })
  onTestFinished(() => index.close())
  return { index, clock }
}

export function newRoot(id: string, more: Partial<NewRoot> = {}): NewRoot {
  return {
    id,
    localPath: `/home/editor/${id}`,
    accountId: 'account-1',
    workspaceId: 'workspace-1',
    projectId: `project-${id}`,
    projectName: `Project ${id}`,
    rootFolderId: `folder-${id}`,
    mode: 'two-way',
    readyAfterSeconds: 60,
    caseInsensitive: false,
    ...more,
  }
}

export function entryAt(
  path: string,
  remoteId: string,
  more: Partial<EntryInput> = {},
): EntryInput {
  const synced: Entry = {
    path,
    diskPath: path,
    kind: 'file',
    size: 100,
    mtimeMs: startMs,
    xxh64: '0123456789abcdef',
    remoteId,
    remoteParentId: 'folder-parent',
    remoteUpdatedAt: '2025-01-01T00:00:00.000Z',
    state: 'synced',
  }
  return { ...synced, ...more }
}

export function localFileAt(path: string, more: Partial<LocalFileRecord> = {}): LocalFileRecord {
  return {
    path,
    diskPath: path,
    kind: 'file',
    size: 100,
    mtimeMs: startMs,
    ino: 1000,
    dev: 42,
    xxh64: null,
    stableSince: startMs,
    ...more,
  }
}

/** A remote item under `parentId`, its path made from `folderPath` and its name. */
export function remoteItem(
  folderPath: string,
  name: string,
  id: string,
  parentId: string,
  more: Partial<RemoteFact> = {},
): RemoteFact {
  return {
    path: folderPath === '' ? name : `${folderPath}/${name}`,
    id,
    parentId,
    kind: 'file',
    name,
    size: 100,
    updatedAt: '2025-01-01T00:00:00.000Z',
    ready: true,
    refused: null,
    ...more,
  }
}
