// The order folders are listed in: breadth-first, with folders in recently changed subtrees
// (new, or updated_at moved since the last walk, or below such a folder) ahead of the rest.

export interface PendingFolder {
  folderId: string
  path: string
  /** As the parent's listing gave it; null for the root, which no listing of ours contains. */
  updatedAt: string | null
  depth: number
  /** In a subtree that changed since the last walk. */
  changed: boolean
}

/** First in, first out without Array.shift, which copies the array: queues can be long. */
class Fifo<T> {
  private items: T[] = []
  private head = 0

  push(item: T): void {
    this.items.push(item)
  }

  shift(): T | undefined {
    const item = this.items[this.head]
    if (item === undefined) return undefined
    this.head += 1
    if (this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}

export class FolderQueue {
  private readonly changed = new Fifo<PendingFolder>()
  private readonly unchanged = new Fifo<PendingFolder>()

  add(folder: PendingFolder): void {
    ;(folder.changed ? this.changed : this.unchanged).push(folder)
  }

  /** The next folder to list: changed subtrees first, each group in discovery order. */
  next(): PendingFolder | undefined {
    return this.changed.shift() ?? this.unchanged.shift()
  }
}
