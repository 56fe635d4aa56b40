// The reconciler's policy table for paths the index remembers: synced pairs kept in step by id and
// remembered deletions kept; then whole scenarios over renames and later runs.
import { describe, expect, it } from 'vitest'
import {
  type PolicyRow,
  allModes,
  clip,
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
  syncedAtMs,
  syncedHash,
} from './fakes/plan-facts'

const renamedClip = remoteFile('renamed.mov', 'r1')

const syncedRows: PolicyRow[] = [
  {
    rule: 'an unchanged synced file needs nothing',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')], local: [clip], remote: [remoteClip] },
    expected: [],
  },
  {
    rule: 'a touched file (new mtime, same content) refreshes its entry',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [localFile('clip.mov', { mtimeMs: syncedAtMs + 5000, xxh64: syncedHash })],
      remote: [remoteClip],
    },
    expected: [
      {
        type: 'refresh-local',
        path: 'clip.mov',
        local: localFile('clip.mov', { mtimeMs: syncedAtMs + 5000, xxh64: syncedHash }),
      },
    ],
  },
  {
    rule: 'an edited file (new size) is reported, not uploaded',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [localFile('clip.mov', { size: 200 })],
      remote: [remoteClip],
    },
    expected: [issueAt('clip.mov', 'edited-local')],
  },
  {
    rule: 'an edited file with a new hash is reported, not uploaded',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [localFile('clip.mov', { mtimeMs: syncedAtMs + 1, xxh64: 'fedcba9876543210' })],
      remote: [remoteClip],
    },
    expected: [issueAt('clip.mov', 'edited-local')],
  },
  {
    rule: 'an edited file still settling is left until it is ready',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [localFile('clip.mov', { size: 200, ready: false })],
      remote: [remoteClip],
    },
    expected: [],
  },
  {
    rule: 'a synced folder whose mtime changed is not an edit',
    modes: allModes,
    facts: {
      entries: [folderEntry('shots', 'r2')],
      local: [{ ...localShots, mtimeMs: syncedAtMs + 9000 }],
      remote: [remoteShots],
    },
    expected: [],
  },
  {
    rule: 'a synced file replaced by a local folder is a kind conflict',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [localFolder('clip.mov')],
      remote: [remoteClip],
    },
    expected: [issueAt('clip.mov', 'kind-conflict')],
  },
  {
    rule: 'a different Frame.io item on a synced path is reported, not downloaded',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [clip],
      remote: [remoteFile('clip.mov', 'r5', { size: 3 })],
    },
    expected: [issueAt('clip.mov', 'replaced-remote')],
  },
  {
    rule: 'a synced folder made again in Frame.io under its name is linked to the new one',
    modes: allModes,
    facts: {
      entries: [folderEntry('shots', 'r2')],
      local: [localShots],
      remote: [remoteFolder('shots', 'r9')],
    },
    expected: [
      { type: 'link', path: 'shots', local: localShots, remote: remoteFolder('shots', 'r9') },
    ],
  },
  {
    rule: 'a synced item moved away in Frame.io with another taking its path is reported',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1')],
      local: [clip],
      remote: [remoteFile('clip.mov', 'r5'), renamedClip],
    },
    expected: [issueAt('clip.mov', 'replaced-remote')],
  },
  {
    rule: 'an item renamed in Frame.io is followed by id and not downloaded again',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')], local: [clip], remote: [renamedClip] },
    expected: [{ type: 'follow-remote', path: 'clip.mov', remote: renamedClip }],
  },
  {
    rule: 'a synced file gone from Frame.io is remembered as deleted there',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')], local: [clip] },
    expected: [{ type: 'remember-deletion', path: 'clip.mov', side: 'remote' }],
  },
  {
    rule: 'a synced file deleted locally is remembered as deleted here',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')], remote: [remoteClip] },
    expected: [{ type: 'remember-deletion', path: 'clip.mov', side: 'local' }],
  },
  {
    rule: 'a local deletion is remembered even when Frame.io has a new item there',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')], remote: [remoteFile('clip.mov', 'r5')] },
    expected: [{ type: 'remember-deletion', path: 'clip.mov', side: 'local' }],
  },
  {
    rule: 'a local deletion is remembered when the item was also renamed in Frame.io',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')], remote: [renamedClip] },
    expected: [{ type: 'remember-deletion', path: 'clip.mov', side: 'local' }],
  },
  {
    rule: 'a synced file gone on both sides is forgotten',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1')] },
    expected: [{ type: 'forget', path: 'clip.mov' }],
  },
]

const rememberedRows: PolicyRow[] = [
  {
    rule: 'a local deletion stays remembered while Frame.io still has the item',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1', { state: 'deleted-local' })], remote: [remoteClip] },
    expected: [],
  },
  {
    rule: 'a file re-appearing where it was deleted locally is not uploaded',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1', { state: 'deleted-local' })], local: [clip] },
    expected: [],
  },
  {
    rule: 'a remote deletion stays remembered while the local copy is there',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1', { state: 'deleted-remote' })], local: [clip] },
    expected: [],
  },
  {
    rule: 'a new Frame.io item where one was deleted is not downloaded',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1', { state: 'deleted-remote' })],
      remote: [remoteFile('clip.mov', 'r5')],
    },
    expected: [],
  },
  {
    rule: 'a locally deleted item renamed in Frame.io is not downloaded under its new name',
    modes: allModes,
    facts: {
      entries: [entry('clip.mov', 'r1', { state: 'deleted-local' })],
      remote: [renamedClip],
    },
    expected: [],
  },
  {
    rule: 'a remembered local deletion gone on both sides is forgotten',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1', { state: 'deleted-local' })] },
    expected: [{ type: 'forget', path: 'clip.mov' }],
  },
  {
    rule: 'a remembered remote deletion gone on both sides is forgotten',
    modes: allModes,
    facts: { entries: [entry('clip.mov', 'r1', { state: 'deleted-remote' })] },
    expected: [{ type: 'forget', path: 'clip.mov' }],
  },
]

describe.each([
  ['a synced path', syncedRows],
  ['a remembered deletion', rememberedRows],
])('%s', (_, rows) => {
  it.each(policyCases(rows))('$rule ($mode)', ({ mode, facts, expected }) => {
    expect(plan(mode, facts)).toEqual(expected)
  })
})

describe('scenarios', () => {
  it.each([
    ['local', { remote: [remoteClip] }],
    ['remote', { local: [clip] }],
  ] as const)(
    'a deletion on the %s side is remembered and stays so on later runs',
    (side, facts) => {
      const synced = entry('clip.mov', 'r1')
      expect(plan('two-way', { entries: [synced], ...facts })).toEqual([
        { type: 'remember-deletion', path: 'clip.mov', side },
      ])
      const remembered = { ...synced, state: `deleted-${side}` as const }
      for (const mode of allModes)
        expect(plan(mode, { entries: [remembered], ...facts })).toEqual([])
    },
  )

  it('a local rename uploads the new name and remembers the old one as deleted here', () => {
    const moved = localFile('renamed.mov')
    const actions = plan('two-way', {
      entries: [entry('clip.mov', 'r1')],
      local: [moved],
      remote: [remoteClip],
    })
    expect(actions).toEqual([
      { type: 'remember-deletion', path: 'clip.mov', side: 'local' },
      { type: 'upload', path: 'renamed.mov', local: moved },
    ])
  })

  it('a remote rename moves nothing locally and downloads nothing', () => {
    const actions = plan('two-way', {
      entries: [entry('clip.mov', 'r1')],
      local: [clip],
      remote: [renamedClip],
    })
    expect(actions).toEqual([{ type: 'follow-remote', path: 'clip.mov', remote: renamedClip }])
  })

  it('a renamed project changes nothing: names do not matter when paths and ids are equal', () => {
    const facts = { entries: [entry('shots/clip.mov', 'r1')], local: [localFile('shots/clip.mov')] }
    const before = remoteFile('shots/clip.mov', 'r1')
    const renamed = { ...before, name: 'Client cut (final).mov' }
    for (const mode of allModes) {
      expect(plan(mode, { ...facts, remote: [renamed] })).toEqual([])
      expect(plan(mode, { ...facts, remote: [renamed] })).toEqual(
        plan(mode, { ...facts, remote: [before] }),
      )
    }
  })
})
