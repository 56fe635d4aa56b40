// The upload journal kept in the index behaves as the file journal does: the same calls give the
// same answers, and what was saved survives closing and reopening the index.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { FileJournal, type UploadJournal, type UploadSession } from '../../src/core/transfer'
import { IndexUploadJournal, openIndex } from '../../src/core/sync-index'
import { openTestIndex, startMs, tempIndexPath } from './fakes/sync-index'

function session(more: Partial<UploadSession> = {}): UploadSession {
  return {
    fileId: 'file-1',
    accountId: 'account-1',
    parentId: 'folder-1',
    name: 'A001.mov',
    startedAt: startMs,
    size: 30_000_000,
    mtimeMs: 1_712_345_678_901.25,
    mediaType: 'video/quicktime',
    parts: [
      { size: 10_000_000, url: 'https://uploads.example/1?sig=a', etag: '"etag-1"' },
      { size: 10_000_000, url: 'https://uploads.example/2?sig=b', etag: null },
      { size: 10_000_000, url: 'https://uploads.example/3?sig=c', etag: null },
    ],
    ...more,
  }
}

/** Runs one sequence of journal calls and answers every load along the way. */
async function story(journal: UploadJournal): Promise<Array<UploadSession | null>> {
  const seen: Array<UploadSession | null> = []
  seen.push(await journal.load('root/a.mov'))
  const placeholder = session({ fileId: null, parts: [] })
  await journal.save('root/a.mov', placeholder)
  seen.push(await journal.load('root/a.mov'))
  const started = session()
  await journal.save('root/a.mov', started)
  // A change to the object after saving is not what was saved.
  started.parts[1] = { size: 1, url: 'changed', etag: 'changed' }
  seen.push(await journal.load('root/a.mov'))
  await journal.save('root/b.mov', session({ name: 'b.mov', parts: session().parts.slice(0, 1) }))
  await journal.save('root/a.mov', session({ parts: session().parts.slice(1) }))
  seen.push(await journal.load('root/a.mov'))
  seen.push(await journal.load('root/b.mov'))
  await journal.remove('root/a.mov')
  await journal.remove('root/a.mov')
  await journal.remove('never/saved')
  seen.push(await journal.load('root/a.mov'))
  seen.push(await journal.load('root/b.mov'))
  return seen
}

describe('IndexUploadJournal', () => {
  it('answers exactly as FileJournal does for the same calls', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'file-journal-'))
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
    const fromFiles = await story(new FileJournal(folder))
    const { index } = openTestIndex()
    const fromIndex = await story(index.journal)

    expect(fromIndex).toEqual(fromFiles)
    // The story is not trivial: both journals saw sessions come and go.
    expect(fromIndex[0]).toBeNull()
    expect(fromIndex[1]).toEqual(session({ fileId: null, parts: [] }))
    expect(fromIndex[2]).toEqual(session())
    expect(fromIndex[3]?.parts).toEqual(session().parts.slice(1))
    expect(fromIndex[4]?.name).toBe('b.mov')
    expect(fromIndex[5]).toBeNull()
    expect(fromIndex[6]?.name).toBe('b.mov')
  })

  it('keeps a session across closing and reopening the index', async () => {
    const path = tempIndexPath()
    const first = openIndex(path)
    await first.journal.save('root/a.mov', session())
    first.close()
    const second = openIndex(path)
    onTestFinished(() => second.close())
    expect(second.journal).toBeInstanceOf(IndexUploadJournal)
    expect(await second.journal.load('root/a.mov')).toEqual(session())
  })

  it('rejects, rather than throws, when the index cannot take the session', async () => {
    const { index } = openTestIndex()
    const broken = session({ size: 1.5 })
    await expect(index.journal.save('root/a.mov', broken)).rejects.toThrow(/size/)
    expect(await index.journal.load('root/a.mov')).toBeNull()
  })
})

describe('keysUnder', () => {
  it("answers one root's interrupted uploads by path, and no other root's", async () => {
    const { index } = openTestIndex()
    const session = {
      fileId: null,
      accountId: 'a',
      parentId: 'p',
      name: 'n',
      startedAt: 1,
      size: 1,
      mtimeMs: 1,
      mediaType: 'application/octet-stream',
      parts: [],
    }
    await index.journal.save('root-1/a.mov', session)
    await index.journal.save('root-1/sub/b.mov', session)
    await index.journal.save('root-10/c.mov', session)
    await index.journal.save('root-2/d.mov', session)
    expect(index.journal.keysUnder('root-1/').sort()).toEqual(['a.mov', 'sub/b.mov'])
    expect(index.journal.keysUnder('root-3/')).toEqual([])
  })
})
