// What a scenario's test did to each side, path by path, and which Frame.io items the engine made:
// the record the convergence invariants are judged against. Contents are MD5s.
import type { CheckedEmulator } from './checked-emulator'
import { type RemoteItem, remoteTree } from './cli-harness'

export interface PathRecord {
  /** Contents the test put at this path here (writes, and renames onto it). */
  localPlaced: Set<string>
  /** Contents the test put at this path in Frame.io (creates, and renames onto it). */
  remotePlaced: Set<string>
  /** What the test last left here; null once it deleted or renamed the file away. */
  localNow: string | null
  /** The test deleted or renamed away a file at this path here, at some point. */
  localRemoved: boolean
  /** The test deleted or renamed away a file at this path in Frame.io, at some point. */
  remoteRemoved: boolean
  /** The test renamed a Frame.io file onto this path, which the engine may follow by id. */
  remoteRenamedOnto: boolean
}

/** A Frame.io item as observed, at its path with the ' #n' of duplicates taken off. */
export interface ObservedItem extends RemoteItem {
  path: string
}

/** An item the engine created in Frame.io, as first observed after the step that made it. */
export interface EngineItem {
  id: string
  type: 'file' | 'folder'
  firstPath: string
  md5: string | null
  status: string
  /** Frame.io already held an item at that path before the step in which the engine made it. */
  pathWasTaken: boolean
}

/** The project's items in walk order (the first of duplicates first), paths without ' #n'. */
export async function observeRemote(
  emulator: CheckedEmulator,
  projectId: string,
): Promise<ObservedItem[]> {
  const tree = await remoteTree(emulator, projectId)
  return [...tree].map(([path, item]) => ({
    ...item,
    path: path
      .split('/')
      .map((segment) => segment.replace(/ #\d+$/, ''))
      .join('/'),
  }))
}

export class ScenarioModel {
  readonly paths = new Map<string, PathRecord>()
  readonly engineItems = new Map<string, EngineItem>()
  private readonly testIds = new Set<string>()
  private takenPaths = new Set<string>()

  /** The record of a path, made on first use. */
  at(path: string): PathRecord {
    let record = this.paths.get(path)
    if (!record) {
      record = {
        localPlaced: new Set(),
        remotePlaced: new Set(),
        localNow: null,
        localRemoved: false,
        remoteRemoved: false,
        remoteRenamedOnto: false,
      }
      this.paths.set(path, record)
    }
    return record
  }

  localWrite(path: string, md5: string): void {
    const record = this.at(path)
    record.localPlaced.add(md5)
    record.localNow = md5
  }

  localRemove(path: string): void {
    const record = this.at(path)
    record.localNow = null
    record.localRemoved = true
  }

  remoteCreate(path: string, md5: string, ids: Iterable<string>): void {
    this.at(path).remotePlaced.add(md5)
    for (const id of ids) this.testIds.add(id)
  }

  remoteRename(from: string, to: string, md5: string | null): void {
    this.at(from).remoteRemoved = true
    const onto = this.at(to)
    onto.remoteRenamedOnto = true
    onto.remotePlaced.add(md5 ?? 'incomplete upload')
  }

  remoteFolderRename(from: string, to: string): void {
    this.at(from).remoteRemoved = true
    this.at(to).remoteRenamedOnto = true
  }

  remoteRemove(path: string): void {
    this.at(path).remoteRemoved = true
  }

  /** Two different contents met at this path, on one side or across both. */
  contested(path: string): boolean {
    const record = this.paths.get(path)
    if (!record) return false
    return new Set([...record.localPlaced, ...record.remotePlaced]).size > 1
  }

  /** Called after every step: notes the items the engine made since the last look. */
  observe(remote: readonly ObservedItem[]): void {
    const madeNow = new Set<string>()
    for (const item of remote) {
      const known = this.engineItems.get(item.id)
      if (known) {
        known.md5 = item.md5 ?? known.md5
        known.status = item.status
      } else if (!this.testIds.has(item.id)) {
        this.engineItems.set(item.id, {
          id: item.id,
          type: item.type,
          firstPath: item.path,
          md5: item.md5,
          status: item.status,
          pathWasTaken: this.takenPaths.has(item.path) || madeNow.has(item.path),
        })
        madeNow.add(item.path)
      }
    }
    this.takenPaths = new Set(remote.map((item) => item.path))
  }
}
