// The remote walker's memory: every Frame.io item found under a root (in discovery order, so on
// a shared path the first discovered wins) and every folder listed, with when it was listed.
import type { RemoteFact } from '../plan/facts'
import type { IndexDatabase } from './db'
import { flag, kind, num, numOrNull, text, textOrNull, type Row } from './rows'

export interface ListedFolder {
  /** Root-relative path; '' for the root folder. */
  path: string
  /** The folder's updated_at as Frame.io reported it when listed; null when it reports none. */
  updatedAt: string | null
  /** 0 for the root folder. */
  depth: number
}

export interface RemoteFolderRecord extends ListedFolder {
  folderId: string
  listedAt: number
}

function toFact(row: Row): RemoteFact {
  return {
    path: text(row, 'path'),
    id: text(row, 'id'),
    parentId: text(row, 'parent_id'),
    kind: kind(row),
    name: text(row, 'name'),
    size: num(row, 'size'),
    updatedAt: text(row, 'updated_at'),
    ready: flag(row, 'ready'),
    refused: textOrNull(row, 'refused'),
  }
}

function sameFact(a: RemoteFact, b: RemoteFact): boolean {
  return (
    a.path === b.path &&
    a.parentId === b.parentId &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.size === b.size &&
    a.updatedAt === b.updatedAt &&
    a.ready === b.ready &&
    a.refused === b.refused
  )
}

function toFolder(row: Row): RemoteFolderRecord {
  return {
    folderId: text(row, 'folder_id'),
    path: text(row, 'path'),
    updatedAt: textOrNull(row, 'updated_at'),
    depth: num(row, 'depth'),
    listedAt: num(row, 'listed_at'),
  }
}

/** An item and everything below it, found through parent_id (UNION stops at any cycle). */
const subtree = `
  WITH RECURSIVE subtree (id) AS (
    SELECT :id
    UNION
    -- CROSS JOIN keeps subtree the outer loop, so each step is one search by parent.
    SELECT child.id FROM subtree CROSS JOIN remote_items AS child
    WHERE child.root_id = :root AND child.parent_id = subtree.id
  )`

export class RemoteRepo {
  constructor(
    private readonly db: IndexDatabase,
    private readonly now: () => number,
  ) {}

  /**
   * Records one listing of `folderId` atomically: children no longer listed are forgotten with
   * everything below them, listed ones are inserted or updated. Items already known keep their
   * discovery order; new ones come after every item known so far, in the order given. A listed
   * folder found at a new path takes its known subtree along. Answers whether anything about the
   * folder's children differs from what was known (so an unchanged project needs no new plan).
   */
  replaceListing(
    rootId: string,
    folderId: string,
    folder: ListedFolder,
    children: readonly RemoteFact[],
  ): boolean {
    const stray = children.find((child) => child.parentId !== folderId)
    if (stray) {
      throw new Error(
        `${stray.path} was listed under folder ${folderId} but names ${stray.parentId} as its parent.`,
      )
    }
    return this.db.transaction(() => {
      let changed = false
      this.db
        .statement(
          `INSERT OR REPLACE INTO remote_folders (root_id, folder_id, path, listed_at, updated_at, depth)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(rootId, folderId, folder.path, this.now(), folder.updatedAt, folder.depth)

      const listed = new Set(children.map((child) => child.id))
      const previous = this.db
        .statement('SELECT id FROM remote_items WHERE root_id = ? AND parent_id = ?')
        .all(rootId, folderId)
      for (const row of previous) {
        const id = text(row, 'id')
        if (!listed.has(id)) {
          this.forgetSubtree(rootId, id)
          changed = true
        }
      }

      let nextSeq = this.lastSeq(rootId) + 1
      for (const child of children) {
        const known = this.db
          .statement('SELECT * FROM remote_items WHERE root_id = ? AND id = ?')
          .get(rootId, child.id)
        if (known && child.kind === 'folder' && text(known, 'path') !== child.path) {
          this.movePaths(rootId, child.id, text(known, 'path'), child.path)
        }
        if (!known || !sameFact(toFact(known), child)) {
          changed = true
          this.upsert(rootId, child, known ? num(known, 'discovered_seq') : nextSeq++)
        }
      }
      return changed
    })
  }

  /** Every item of the root in discovery order: the reconciler's `remote` input. */
  facts(rootId: string): RemoteFact[] {
    // Iterating builds a large result about twice as fast as node:sqlite's all().
    const rows = this.db
      .statement('SELECT * FROM remote_items WHERE root_id = ? ORDER BY discovered_seq')
      .iterate(rootId)
    return Array.from(rows, toFact)
  }

  /** Where the walk last saw the item `id`, or null when it has not seen it. */
  byId(rootId: string, id: string): RemoteFact | null {
    const row = this.db
      .statement('SELECT * FROM remote_items WHERE root_id = ? AND id = ?')
      .get(rootId, id)
    return row ? toFact(row) : null
  }

  /** The items that would take `path`, first discovered first. */
  atPath(rootId: string, path: string): RemoteFact[] {
    return this.db
      .statement(
        'SELECT * FROM remote_items WHERE root_id = ? AND path = ? ORDER BY discovered_seq',
      )
      .all(rootId, path)
      .map(toFact)
  }

  /** Every folder listed so far, least recently listed first. */
  folders(rootId: string): RemoteFolderRecord[] {
    return this.db
      .statement('SELECT * FROM remote_folders WHERE root_id = ? ORDER BY listed_at, depth, path')
      .all(rootId)
      .map(toFolder)
  }

  /** Forgets all the walker knew of the root (to walk it afresh). */
  forgetRoot(rootId: string): void {
    this.db.transaction(() => {
      this.db.statement('DELETE FROM remote_items WHERE root_id = ?').run(rootId)
      this.db.statement('DELETE FROM remote_folders WHERE root_id = ?').run(rootId)
    })
  }

  private lastSeq(rootId: string): number {
    const row = this.db
      .statement('SELECT max(discovered_seq) AS last FROM remote_items WHERE root_id = ?')
      .get(rootId)
    return row ? (numOrNull(row, 'last') ?? 0) : 0
  }

  /** Forgets an item, and if it is a folder, all below it. */
  private forgetSubtree(rootId: string, id: string): void {
    const where = { root: rootId, id }
    // Folders first: the items' parent links are what finds the subtree.
    this.db
      .statement(
        `${subtree} DELETE FROM remote_folders
         WHERE root_id = :root AND folder_id IN (SELECT id FROM subtree)`,
      )
      .run(where)
    this.db
      .statement(
        `${subtree} DELETE FROM remote_items WHERE root_id = :root AND id IN (SELECT id FROM subtree)`,
      )
      .run(where)
  }

  /** Rewrites the paths at and below a folder that moved from `from` to `to`. */
  private movePaths(rootId: string, folderId: string, from: string, to: string): void {
    const change = { root: rootId, id: folderId, from, to }
    const newPath = ':to || substr(path, length(:from) + 1)'
    const hadOldPath = 'substr(path, 1, length(:from)) = :from'
    this.db
      .statement(
        `${subtree} UPDATE remote_items SET path = ${newPath}
         WHERE root_id = :root AND id IN (SELECT id FROM subtree) AND ${hadOldPath}`,
      )
      .run(change)
    this.db
      .statement(
        `${subtree} UPDATE remote_folders SET path = ${newPath}
         WHERE root_id = :root AND folder_id IN (SELECT id FROM subtree) AND ${hadOldPath}`,
      )
      .run(change)
  }

  private upsert(rootId: string, fact: RemoteFact, discoveredSeq: number): void {
    this.db
      .statement(
        `INSERT INTO remote_items (root_id, id, parent_id, path, name, kind, size, updated_at, ready,
           refused, discovered_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (root_id, id) DO UPDATE SET
           parent_id = excluded.parent_id, path = excluded.path, name = excluded.name,
           kind = excluded.kind, size = excluded.size, updated_at = excluded.updated_at,
           ready = excluded.ready, refused = excluded.refused`,
      )
      .run(
        rootId,
        fact.id,
        fact.parentId,
        fact.path,
        fact.name,
        fact.kind,
        fact.size,
        fact.updatedAt,
        fact.ready ? 1 : 0,
        fact.refused,
        discoveredSeq,
      )
  }
}
