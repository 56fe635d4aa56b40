// The synced roots: which local folder is kept in step with which Frame.io project, how, and
// whether it is paused. Removing a root removes everything the index holds for it.
import { syncModeSchema } from '../../shared'
import type { SyncMode } from '../plan/facts'
import type { IndexDatabase } from './db'
import { flag, num, oneOf, text, textOrNull, type Row } from './rows'

export interface RootRecord {
  id: string
  localPath: string
  accountId: string
  workspaceId: string
  projectId: string
  projectName: string
  rootFolderId: string
  mode: SyncMode
  /** Seconds a local file's size and mtime must hold still before it is uploaded. */
  readyAfterSeconds: number
  paused: boolean
  pauseReason: string | null
  /** Whether the local file system folds case, so 'A.mov' and 'a.mov' are one name. */
  caseInsensitive: boolean
  createdAt: number
}

export type NewRoot = Omit<RootRecord, 'createdAt' | 'paused' | 'pauseReason'> &
  Partial<Pick<RootRecord, 'paused' | 'pauseReason'>>

export type RootPatch = Partial<
  Pick<RootRecord, 'mode' | 'readyAfterSeconds' | 'paused' | 'pauseReason' | 'projectName'>
>

const patchColumns: Record<keyof RootPatch, string> = {
  mode: 'mode',
  readyAfterSeconds: 'ready_after_seconds',
  paused: 'paused',
  pauseReason: 'pause_reason',
  projectName: 'project_name',
}

function toRoot(row: Row): RootRecord {
  return {
    id: text(row, 'id'),
    localPath: text(row, 'local_path'),
    accountId: text(row, 'account_id'),
    workspaceId: text(row, 'workspace_id'),
    projectId: text(row, 'project_id'),
    projectName: text(row, 'project_name'),
    rootFolderId: text(row, 'root_folder_id'),
    mode: oneOf(row, 'mode', syncModeSchema.options),
    readyAfterSeconds: num(row, 'ready_after_seconds'),
    paused: flag(row, 'paused'),
    pauseReason: textOrNull(row, 'pause_reason'),
    caseInsensitive: flag(row, 'case_insensitive'),
    createdAt: num(row, 'created_at'),
  }
}

export class RootsRepo {
  constructor(
    private readonly db: IndexDatabase,
    private readonly now: () => number,
  ) {}

  /** Adds a root; refuses an id or a local folder that is already synced. */
  add(root: NewRoot): RootRecord {
    return this.db.transaction(() => {
      if (this.get(root.id)) throw new Error(`A sync root with id ${root.id} already exists.`)
      const sameFolder = this.db
        .statement('SELECT id FROM roots WHERE local_path = ?')
        .get(root.localPath)
      if (sameFolder) {
        throw new Error(
          `The folder ${root.localPath} is already synced (root ${text(sameFolder, 'id')}).`,
        )
      }
      this.db
        .statement(
          `INSERT INTO roots (id, local_path, account_id, workspace_id, project_id, project_name,
             root_folder_id, mode, ready_after_seconds, paused, pause_reason, case_insensitive,
             created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          root.id,
          root.localPath,
          root.accountId,
          root.workspaceId,
          root.projectId,
          root.projectName,
          root.rootFolderId,
          root.mode,
          root.readyAfterSeconds,
          root.paused ? 1 : 0,
          root.pauseReason ?? null,
          root.caseInsensitive ? 1 : 0,
          this.now(),
        )
      return this.getOrThrow(root.id)
    })
  }

  get(id: string): RootRecord | null {
    const row = this.db.statement('SELECT * FROM roots WHERE id = ?').get(id)
    return row ? toRoot(row) : null
  }

  /** Every root, oldest first. */
  list(): RootRecord[] {
    return this.db.statement('SELECT * FROM roots ORDER BY created_at, id').all().map(toRoot)
  }

  /** Changes the given fields; null when there is no such root. */
  update(id: string, patch: RootPatch): RootRecord | null {
    const fields = (Object.keys(patchColumns) as Array<keyof RootPatch>).filter(
      (field) => patch[field] !== undefined,
    )
    if (fields.length === 0) return this.get(id)
    const assignments = fields.map((field) => `${patchColumns[field]} = ?`).join(', ')
    const values = fields.map((field) => {
      const value = patch[field]
      return typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null)
    })
    const result = this.db
      .statement(`UPDATE roots SET ${assignments} WHERE id = ?`)
      .run(...values, id)
    return Number(result.changes) === 0 ? null : this.getOrThrow(id)
  }

  /** Removes the root and, by cascade, its entries, scans, remote memory, issues, queue, activity. */
  remove(id: string): boolean {
    return Number(this.db.statement('DELETE FROM roots WHERE id = ?').run(id).changes) > 0
  }

  private getOrThrow(id: string): RootRecord {
    const root = this.get(id)
    if (!root) throw new Error(`The sync root ${id} is not in the index.`)
    return root
  }
}
