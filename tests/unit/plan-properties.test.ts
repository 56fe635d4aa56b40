// Properties of the reconciler over generated roots: it is deterministic, respects the mode, never
// transfers over a remembered deletion or an existing item, plans one thing per path, reports every
// refused item, orders folders before their contents, and copes with 100,000 paths.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Action,
  type Entry,
  type LocalFact,
  type PlanInput,
  type RemoteFact,
  reconcile,
} from '../../src/core/plan'
import { entry, localFile, localFolder, remoteFile, remoteFolder } from './fakes/plan-facts'

// Few names and ids, so paths meet, ids move and duplicates happen often.
const pathArb = fc
  .array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join('/'))
const remoteIdArb = fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6')
const kindArb = fc.constantFrom('file' as const, 'folder' as const)
const sizeArb = fc.constantFrom(10, 20)

const localArb: fc.Arbitrary<LocalFact> = fc
  .record({
    path: pathArb,
    kind: kindArb,
    size: sizeArb,
    ready: fc.boolean(),
    touched: fc.boolean(),
  })
  .map(({ path, kind, size, ready, touched }) =>
    kind === 'folder'
      ? localFolder(path)
      : localFile(path, { size, ready, mtimeMs: touched ? 5 : 0, xxh64: touched ? 'h' : null }),
  )

const remoteArb: fc.Arbitrary<RemoteFact> = fc
  .record({
    path: pathArb,
    id: remoteIdArb,
    kind: kindArb,
    size: sizeArb,
    ready: fc.boolean(),
    refused: fc.option(fc.constant('the name is not allowed here'), { freq: 5 }),
  })
  .map(({ path, id, kind, size, ready, refused }) =>
    kind === 'folder'
      ? { ...remoteFolder(path, id), refused }
      : remoteFile(path, id, { size, ready, refused }),
  )

const entryArb: fc.Arbitrary<Entry> = fc
  .record({
    path: pathArb,
    remoteId: remoteIdArb,
    kind: kindArb,
    size: sizeArb,
    state: fc.constantFrom('synced' as const, 'deleted-local' as const, 'deleted-remote' as const),
  })
  .map(({ path, remoteId, kind, size, state }) =>
    entry(path, remoteId, { kind, size, state, mtimeMs: 0, xxh64: 'h' }),
  )

const inputArb: fc.Arbitrary<PlanInput> = fc.record({
  mode: fc.constantFrom('two-way' as const, 'upload-only' as const, 'download-only' as const),
  entries: fc.uniqueArray(entryArb, { selector: (item) => item.path, maxLength: 12 }),
  local: fc.uniqueArray(localArb, { selector: (item) => item.path, maxLength: 12 }),
  remote: fc.array(remoteArb, { maxLength: 12 }),
})

const transferTypes = new Set<Action['type']>([
  'upload',
  'download',
  'create-remote-folder',
  'create-local-folder',
])

function nonIssues(actions: Action[]): Exclude<Action, { type: 'issue' }>[] {
  return actions.filter((action) => action.type !== 'issue')
}

describe('reconcile properties', () => {
  it('is deterministic, whatever order the entries and local facts come in', () => {
    const shuffledArb = inputArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        entries: fc.shuffledSubarray([...input.entries], { minLength: input.entries.length }),
        local: fc.shuffledSubarray([...input.local], { minLength: input.local.length }),
      }),
    )
    fc.assert(
      fc.property(shuffledArb, ({ input, entries, local }) => {
        const first = reconcile(input)
        expect(reconcile(input)).toEqual(first)
        expect(reconcile({ ...input, entries, local })).toEqual(first)
      }),
    )
  })

  it('never sends anything up in download-only mode nor down in upload-only mode', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const types = reconcile(input).map((action) => action.type)
        if (input.mode === 'download-only') {
          expect(types).not.toContain('upload')
          expect(types).not.toContain('create-remote-folder')
        }
        if (input.mode === 'upload-only') {
          expect(types).not.toContain('download')
          expect(types).not.toContain('create-local-folder')
        }
      }),
    )
  })

  it('never transfers a path the index knows, so never over a remembered deletion', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const known = new Set(input.entries.map((item) => item.path))
        const remembered = input.entries.filter((item) => item.state !== 'synced')
        for (const action of reconcile(input)) {
          if (transferTypes.has(action.type)) expect(known).not.toContain(action.path)
          if (remembered.some((item) => item.path === action.path)) {
            expect(['forget', 'issue']).toContain(action.type)
          }
        }
      }),
    )
  })

  it('never uploads onto a remote item nor downloads onto a local one', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const localPaths = new Set(input.local.map((item) => item.path))
        const remotePaths = new Set(
          input.remote.filter((item) => item.refused === null).map((item) => item.path),
        )
        for (const action of reconcile(input)) {
          if (action.type === 'upload' || action.type === 'create-remote-folder') {
            expect(remotePaths).not.toContain(action.path)
          }
          if (action.type === 'download' || action.type === 'create-local-folder') {
            expect(localPaths).not.toContain(action.path)
          }
        }
      }),
    )
  })

  it('plans at most one thing, besides issues, for each path', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const paths = nonIssues(reconcile(input)).map((action) => action.path)
        expect(new Set(paths).size).toBe(paths.length)
      }),
    )
  })

  it('reports every refused remote item', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const refused = input.remote.filter((item) => item.refused !== null)
        const reported = reconcile(input).filter(
          (action) => action.type === 'issue' && action.problem === 'refused-name',
        )
        expect(reported.map((action) => action.path)).toEqual(
          refused.map((item) => item.path).sort(),
        )
      }),
    )
  })

  it('creates or links every folder before anything inside it', () => {
    const placesFolder = new Set<Action['type']>([
      'create-local-folder',
      'create-remote-folder',
      'link',
    ])
    fc.assert(
      fc.property(inputArb, (input) => {
        const actions = nonIssues(reconcile(input))
        actions.forEach((action, at) => {
          if (!placesFolder.has(action.type)) return
          const earlierInside = actions
            .slice(0, at)
            .filter((earlier) => earlier.path.startsWith(`${action.path}/`))
          expect(earlierInside).toEqual([])
        })
      }),
    )
  })
})

describe('reconcile at scale', () => {
  it('plans a root of 100,000 paths', () => {
    const folders = 100
    const perFolder = 1000
    const entries: Entry[] = []
    const local: LocalFact[] = []
    const remote: RemoteFact[] = []
    for (let folder = 0; folder < folders; folder++) {
      const dir = `take-${folder}`
      local.push(localFolder(dir))
      for (let item = 0; item < perFolder - 1; item++) {
        const path = `${dir}/clip-${item}.mov`
        const id = `r-${folder}-${item}`
        // A quarter each: synced, new here, new in Frame.io, renamed in Frame.io: about 125,000
        // paths in all.
        const share = item % 4
        if (share === 0 || share === 3) entries.push(entry(path, id))
        if (share !== 2) local.push(localFile(path))
        if (share === 0 || share === 2) remote.push(remoteFile(path, id))
        if (share === 3) remote.push(remoteFile(`${dir}/renamed-${item}.mov`, id))
      }
    }
    const actions = reconcile({ mode: 'two-way', entries, local, remote })
    const count = (type: Action['type']): number =>
      actions.filter((action) => action.type === type).length
    expect(count('create-remote-folder')).toBe(folders)
    expect(count('upload')).toBe(folders * 250)
    expect(count('download')).toBe(folders * 250)
    expect(count('follow-remote')).toBe(folders * 249)
    expect(actions).toHaveLength(folders + folders * 250 * 2 + folders * 249)
  }, 60_000)
})
