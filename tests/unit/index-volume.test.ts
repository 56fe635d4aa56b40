// The index at the size of a big project: 100,000 entries written in one transaction to a file
// index and read back whole, exactly. Nothing here measures speed.
import { describe, expect, it } from 'vitest'
import { entryAt, newRoot, openTestIndex, tempIndexPath } from './fakes/sync-index'

const count = 100_000

describe('volume', () => {
  it(
    'puts 100,000 entries in one transaction and reads them all back',
    { timeout: 120_000 },
    () => {
      const { index } = openTestIndex(tempIndexPath())
      index.roots.add(newRoot('r1'))
      // Zero-padded so path order is number order.
      const pathOf = (n: number) => `Shoot/Day${n % 10}/clip-${String(n).padStart(6, '0')}.mov`
      index.transaction(() => {
        for (let n = 0; n < count; n++) {
          index.entries.put('r1', entryAt(pathOf(n), `remote-${n}`, { size: n, ino: n }))
        }
      })

      const all = index.entries.all('r1')
      expect(all).toHaveLength(count)
      const expected = Array.from({ length: count }, (_, n) => pathOf(n)).sort()
      expect(all.map((entry) => entry.path)).toEqual(expected)
      const wrong = all.filter((entry) => {
        const n = Number(/clip-(\d+)/.exec(entry.path)?.[1])
        return entry.remoteId !== `remote-${n}` || entry.size !== n || entry.ino !== n
      })
      expect(wrong).toEqual([])
      expect(index.entries.count('r1').synced).toBe(count)
      expect(index.entries.byRemoteId('r1', 'remote-99999')?.path).toBe(pathOf(99_999))
    },
  )
})
