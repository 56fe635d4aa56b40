// The reconciler's policy table for what the index does not know yet: new items on one side, the
// same name on both, remote items sharing a path or refused; then the output order and the wording.
import { describe, expect, it } from 'vitest'
import {
  type Facts,
  type PolicyRow,
  allModes,
  clip,
  downloadingModes,
  entry,
  folderEntry,
  issueAt,
  localFile,
  localFolder,
  localShots,
  plan,
  policyCases,
  remoteClip,
  remoteFile,
  remoteFolder,
  remoteShots,
  uploadingModes,
} from './fakes/plan-facts'
import type { SyncMode } from '../../src/core/plan'

const settlingClip = localFile('clip.mov', { ready: false })
const incompleteClip = remoteFile('clip.mov', 'r1', { ready: false })

const newPathRows: PolicyRow[] = [
  {
    rule: 'a new ready local file is uploaded',
    modes: uploadingModes,
    facts: { local: [clip] },
    expected: [{ type: 'upload', path: 'clip.mov', local: clip }],
  },
  {
    rule: 'a new local file is left alone in download-only mode',
    modes: ['download-only'],
    facts: { local: [clip] },
    expected: [],
  },
  {
    rule: 'a new empty local file is reported, not uploaded: Frame.io takes no empty files',
    modes: uploadingModes,
    facts: { local: [localFile('notes.txt', { size: 0 })] },
    expected: [issueAt('notes.txt', 'empty-file')],
  },
  {
    rule: 'an empty local file still settling is left until it is ready',
    modes: uploadingModes,
    facts: { local: [localFile('notes.txt', { size: 0, ready: false })] },
    expected: [],
  },
  {
    rule: 'a local file still settling is left until it is ready',
    modes: allModes,
    facts: { local: [settlingClip] },
    expected: [],
  },
  {
    rule: 'an interrupted upload is resumed even though its placeholder is in Frame.io',
    modes: uploadingModes,
    facts: { local: [clip], remote: [incompleteClip], uploading: new Set(['clip.mov']) },
    expected: [{ type: 'upload', path: 'clip.mov', local: clip }],
  },
  {
    rule: 'an interrupted upload waits while the local file settles again',
    modes: uploadingModes,
    facts: {
      local: [settlingClip],
      remote: [incompleteClip],
      uploading: new Set(['clip.mov']),
    },
    expected: [],
  },
  {
    rule: "without an interrupted upload, someone else's upload in progress is left alone",
    modes: allModes,
    facts: { local: [clip], remote: [incompleteClip] },
    expected: [],
  },
  {
    rule: 'a new local folder is created in Frame.io',
    modes: uploadingModes,
    facts: { local: [localShots] },
    expected: [{ type: 'create-remote-folder', path: 'shots', local: localShots }],
  },
  {
    rule: 'a new local folder is left alone in download-only mode',
    modes: ['download-only'],
    facts: { local: [localShots] },
    expected: [],
  },
  {
    rule: 'a new remote file whose upload is complete is downloaded',
    modes: downloadingModes,
    facts: { remote: [remoteClip] },
    expected: [{ type: 'download', path: 'clip.mov', remote: remoteClip }],
  },
  {
    rule: 'a new remote file is left alone in upload-only mode',
    modes: ['upload-only'],
    facts: { remote: [remoteClip] },
    expected: [],
  },
  {
    rule: 'a remote file still uploading is left until its upload completes',
    modes: allModes,
    facts: { remote: [incompleteClip] },
    expected: [],
  },
  {
    rule: 'a new remote folder is created locally',
    modes: downloadingModes,
    facts: { remote: [remoteShots] },
    expected: [{ type: 'create-local-folder', path: 'shots', remote: remoteShots }],
  },
  {
    rule: 'a new remote folder is left alone in upload-only mode',
    modes: ['upload-only'],
    facts: { remote: [remoteShots] },
    expected: [],
  },
  {
    rule: 'folders of one name on both sides are linked',
    modes: allModes,
    facts: { local: [localShots], remote: [remoteShots] },
    expected: [{ type: 'link', path: 'shots', local: localShots, remote: remoteShots }],
  },
  {
    rule: 'files of one name and size on both sides are compared, never transferred',
    modes: allModes,
    facts: { local: [clip], remote: [remoteClip] },
    expected: [{ type: 'compare', path: 'clip.mov', local: clip, remote: remoteClip }],
  },
  {
    rule: 'files of one name and different sizes are a conflict',
    modes: allModes,
    facts: { local: [localFile('clip.mov', { size: 7 })], remote: [remoteClip] },
    expected: [issueAt('clip.mov', 'conflict')],
  },
  {
    rule: 'a meeting with a local file still settling waits',
    modes: allModes,
    facts: { local: [settlingClip], remote: [remoteClip] },
    expected: [],
  },
  {
    rule: 'a meeting with a remote file still uploadingModes waits',
    modes: allModes,
    facts: { local: [clip], remote: [incompleteClip] },
    expected: [],
  },
  {
    rule: 'a local folder where Frame.io has a file is a kind conflict',
    modes: allModes,
    facts: { local: [localFolder('clip.mov')], remote: [remoteClip] },
    expected: [issueAt('clip.mov', 'kind-conflict')],
  },
  {
    rule: 'a local file where Frame.io has a folder is a kind conflict',
    modes: allModes,
    facts: { local: [localFile('shots')], remote: [remoteShots] },
    expected: [issueAt('shots', 'kind-conflict')],
  },
]

const placementRows: PolicyRow[] = [
  {
    rule: 'of two remote items on one path the first wins and the second is reported',
    modes: downloadingModes,
    facts: { remote: [remoteClip, remoteFile('clip.mov', 'r9', { size: 5 })] },
    expected: [
      { type: 'download', path: 'clip.mov', remote: remoteClip },
      issueAt('clip.mov', 'duplicate'),
    ],
  },
  {
    rule: 'a duplicate is reported even when nothing is transferred',
    modes: ['upload-only'],
    facts: { remote: [remoteClip, remoteFile('clip.mov', 'r9')] },
    expected: [issueAt('clip.mov', 'duplicate')],
  },
  {
    rule: 'a refused remote item is reported with its reason and not downloaded',
    modes: allModes,
    facts: {
      remote: [
        remoteFile('con.mov', 'r1', { refused: 'CON is a reserved device name on Windows' }),
      ],
    },
    expected: [
      {
        type: 'issue',
        path: 'con.mov',
        problem: 'refused-name',
        message: expect.stringContaining('CON is a reserved device name on Windows'),
      },
    ],
  },
  {
    rule: 'a refused item does not count as present: the next item on its path is not a duplicate',
    modes: downloadingModes,
    facts: {
      remote: [remoteFile('clip.mov', 'r7', { refused: 'it is a version stack' }), remoteClip],
    },
    expected: [
      { type: 'download', path: 'clip.mov', remote: remoteClip },
      issueAt('clip.mov', 'refused-name'),
    ],
  },
]

describe.each([
  ['a path the index does not know', newPathRows],
  ['remote items sharing a path or refused', placementRows],
])('%s', (_, rows) => {
  it.each(policyCases(rows))('$rule ($mode)', ({ mode, facts, expected }) => {
    expect(plan(mode, facts)).toEqual(expected)
  })
})

describe('output order', () => {
  it('puts folders first by depth, then files by path, then issues', () => {
    const facts: Facts = {
      entries: [folderEntry('old', 'r3')],
      local: [
        localFile('b/c/deep.mov'),
        localFolder('b/c'),
        localFile('c.mov', { size: 1 }),
        localFolder('old'),
        localFile('a.mov'),
        localFolder('b'),
      ],
      remote: [
        remoteFolder('z', 'r4'),
        remoteFile('c.mov', 'r5'),
        remoteFolder('y/inner', 'r6'),
        remoteFolder('y', 'r7'),
      ],
    }
    expect(plan('two-way', facts).map((action) => [action.type, action.path])).toEqual([
      ['create-remote-folder', 'b'],
      ['remember-deletion', 'old'],
      ['create-local-folder', 'y'],
      ['create-local-folder', 'z'],
      ['create-remote-folder', 'b/c'],
      ['create-local-folder', 'y/inner'],
      ['upload', 'a.mov'],
      ['upload', 'b/c/deep.mov'],
      ['issue', 'c.mov'],
    ])
  })
})

describe('issue messages', () => {
  function messageOf(mode: SyncMode, facts: Facts): string {
    const [action] = plan(mode, facts)
    if (action?.type !== 'issue') throw new Error(`expected an issue, got ${action?.type}`)
    return action.message
  }

  it('name the path and say what to do', () => {
    const synced = entry('clip.mov', 'r1')
    expect(
      messageOf('two-way', { local: [localFile('clip.mov', { size: 1 })], remote: [remoteClip] }),
    ).toBe(
      '"clip.mov" exists on both sides with different content, so neither copy is transferred. ' +
        'Rename or remove one of them.',
    )
    expect(messageOf('two-way', { local: [localShots], remote: [remoteFile('shots', 'r2')] })).toBe(
      '"shots" is a folder here but a file in Frame.io. Rename or remove one of them.',
    )
    expect(
      messageOf('two-way', {
        entries: [synced],
        local: [localFile('clip.mov', { size: 5 })],
        remote: [remoteClip],
      }),
    ).toMatch(
      /^"clip\.mov" was changed here after it was synced\. .*not uploaded over the Frame\.io copy/,
    )
    expect(
      messageOf('two-way', {
        entries: [synced],
        local: [clip],
        remote: [remoteFile('clip.mov', 'r5')],
      }),
    ).toMatch(
      /^"clip\.mov" in Frame\.io is now a different item .* nothing is downloaded over the local copy/,
    )
  })

  it('say which duplicate is synced and why a refused item is not', () => {
    const duplicates = plan('upload-only', { remote: [remoteClip, remoteFile('clip.mov', 'r9')] })
    expect(duplicates).toEqual([
      {
        type: 'issue',
        path: 'clip.mov',
        problem: 'duplicate',
        message:
          '"clip.mov" exists more than once in Frame.io; only the first one is synced. ' +
          'Rename or remove the others in Frame.io to sync them.',
      },
    ])
    const refused = remoteFile('a_b.mov', 'r1', {
      name: 'a/b.mov',
      refused: 'the name contains a slash.',
    })
    expect(messageOf('two-way', { remote: [refused] })).toBe(
      'The Frame.io item "a/b.mov" cannot be synced to "a_b.mov": the name contains a slash. ' +
        'Rename it in Frame.io to sync it.',
    )
  })
})
