// The remote walker: lists a Frame.io project's folder tree breadth-first from its root folder,
// one FolderListing per folder, within half of the documented rate budget, and cancellable.
import { type FrameioClient, FrameioError, type RemoteFile, type RemoteFolder } from '../frameio'
import type { CallPacer } from '../frameio/budget'
import type { RemoteFact } from '../plan/facts'
import { type PlaceName, remoteFact } from './facts'
import { FolderQueue, type PendingFolder } from './queue'
import { WalkBudget } from './walk-budget'

export interface FolderListing {
  folderId: string
  /** The folder's root-relative local path, '' for the root. */
  path: string
  /** As the parent's listing gave it; null for the root, which no listing of ours contains. */
  updatedAt: string | null
  depth: number
  /** Subfolders first, then files, each in the order Frame.io listed them. */
  children: RemoteFact[]
}

export interface WalkerOptions {
  client: Pick<FrameioClient, 'files' | 'folders'>
  accountId: string
  rootFolderId: string
  placeName: PlaceName
  /** Frame.io's limits are per user: walkers of one user should share one. */
  budget?: WalkBudget
  signal?: AbortSignal
}

export interface WalkOptions {
  /**
   * Folder id -> updated_at as the last walk saw them (see updatedAtByFolder). Folders that are
   * new or whose updated_at moved, and everything below them, are listed before the rest. Every
   * folder is still listed: Frame.io does not document that a folder's updated_at moves when its
   * contents change, so an unchanged folder may still hold new or finished files.
   */
  since?: ReadonlyMap<string, string>
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

export function updatedAtByFolder(listings: Iterable<FolderListing>): Map<string, string> {
  const known = new Map<string, string>()
  for (const listing of listings)
    if (listing.updatedAt !== null) known.set(listing.folderId, listing.updatedAt)
  return known
}

export class RemoteWalker {
  private calls = 0
  private readonly pacer: CallPacer

  constructor(private readonly options: WalkerOptions) {
    const budget = options.budget ?? new WalkBudget()
    this.pacer = {
      take: async (operation, signal) => {
        await budget.take(operation, signal)
        this.calls += 1
      },
    }
  }

  /** HTTP calls this walker has let through: every page and every retry counts. */
  get callsMade(): number {
    return this.calls
  }

  /**
   * One listing per folder. A folder whose name is refused is reported in its parent's listing
   * and not descended into; a folder deleted while the walk runs is skipped. Other failures,
   * a missing root folder included, end the walk with the client's error.
   */
  async *walk({ since }: WalkOptions = {}): AsyncGenerator<FolderListing> {
    const queue = new FolderQueue()
    queue.add({
      folderId: this.options.rootFolderId,
      path: '',
      updatedAt: null,
      depth: 0,
      changed: false,
    })
    for (let folder = queue.next(); folder; folder = queue.next()) {
      if (this.options.signal?.aborted)
        throw new FrameioError('aborted', 'The Frame.io folder walk was cancelled.')
      const children = await this.list(folder)
      if (!children) continue
      const { folderId, path, updatedAt, depth } = folder
      yield { folderId, path, updatedAt, depth, children }
      for (const child of children) {
        if (child.kind !== 'folder' || child.refused !== null) continue
        queue.add({
          folderId: child.id,
          path: child.path,
          updatedAt: child.updatedAt,
          depth: depth + 1,
          changed:
            folder.changed || (since !== undefined && since.get(child.id) !== child.updatedAt),
        })
      }
    }
  }

  /**
   * files.list and folders.list, not folders.index (children): they are documented at 5/s each,
   * children at 100/min. At half of each, the pair lists 2.5 folders a second (each endpoint has
   * its own bucket, so both go at once); children would list one page every 1.2 s.
   */
  private async list(folder: PendingFolder): Promise<RemoteFact[] | null> {
    const { client, accountId, placeName, signal } = this.options
    const call = { pacer: this.pacer, ...(signal ? { signal } : {}) }
    const [folders, files] = await Promise.allSettled([
      collect(client.folders(accountId, folder.folderId, call)),
      collect(client.files(accountId, folder.folderId, call)),
    ])
    if (folders.status === 'rejected') return this.vanished(folder, folders.reason)
    if (files.status === 'rejected') return this.vanished(folder, files.reason)
    const items: Array<RemoteFile | RemoteFolder> = [...folders.value, ...files.value]
    return items.map((item) => remoteFact(item, folder, placeName))
  }

  /** A folder deleted since its parent was listed is skipped; anything else is the caller's. */
  private vanished(folder: PendingFolder, error: unknown): null {
    if (!(error instanceof FrameioError) || error.kind !== 'not-found') throw error
    if (folder.depth > 0) return null
    throw new FrameioError(
      'not-found',
      `The project's root folder (${folder.folderId}) was not found in Frame.io.`,
      { status: 404, cause: error },
    )
  }
}
