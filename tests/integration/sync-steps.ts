// The steps of a generated sync scenario (what a person here or in Frame.io does between syncs,
// and the faults of the next sync) and the fast-check arbitraries that draw them.
import fc from 'fast-check'
import type { FaultRule } from '../emulator/index.ts'

/** Few names, in the root and two subfolders, so both sides meet on a path often. */
export const fileNames = ['a.txt', 'b.txt', 'c.mov'] as const
export const folderNames = ['sub', 'alt'] as const
/** The first two have one size, so a meeting of them goes through the byte comparison. */
export const contents = ['take-1', 'take-2', 'a longer take', 'the final cut, v3'] as const

export type FileName = (typeof fileNames)[number]
export type FolderName = (typeof folderNames)[number]
export type Folder = '' | FolderName
export type Content = (typeof contents)[number]

/** One failure each, for the next sync only; every content is longer than the cut-off byte. */
export const faultRules = {
  'part-503': { match: '^PUT /_storage/upload/', kind: 'status', status: 503, times: 1 },
  'part-reset': {
    match: '^PUT /_storage/upload/',
    kind: 'reset',
    afterBytes: 2,
    on: 'request',
    times: 1,
  },
  'part-corrupt': {
    match: '^PUT /_storage/upload/',
    kind: 'corrupt',
    atByte: 1,
    on: 'request',
    times: 1,
  },
  'download-reset': { match: '^GET /_storage/download/', kind: 'reset', afterBytes: 2, times: 1 },
  'download-corrupt': { match: '^GET /_storage/download/', kind: 'corrupt', atByte: 1, times: 1 },
  'listing-429': { match: '^GET /v4/.*/(files|folders)$', kind: 'status', status: 429, times: 1 },
  'create-upload-429': {
    match: '^POST /v4/.*/local_upload$',
    kind: 'status',
    status: 429,
    times: 1,
  },
  // Frame.io makes the item, then the connection drops before the answer arrives.
  'create-upload-answer-lost': {
    match: '^POST /v4/.*/local_upload$',
    kind: 'reset',
    afterBytes: 0,
    times: 1,
  },
  'create-folder-answer-lost': {
    match: '^POST /v4/.*/folders$',
    kind: 'reset',
    afterBytes: 0,
    times: 1,
  },
} satisfies Record<string, FaultRule>

export type FaultName = keyof typeof faultRules

/** Slows every transfer of one sync, so a change can land while it runs. */
export const slowTransfers: FaultRule = { match: '^(PUT|GET) /_storage/', kind: 'latency', ms: 500 }

/**
 * `pick` chooses among the files that exist when the step runs (sorted by path, modulo their
 * number); a step with nothing to pick, or a rename onto a taken name, does nothing.
 */
export type Step =
  | { kind: 'local-write'; folder: Folder; name: FileName; content: Content }
  | { kind: 'local-edit'; pick: number; content: Content }
  | { kind: 'local-rename'; pick: number; folder: Folder; name: FileName }
  | { kind: 'local-delete'; pick: number }
  | { kind: 'remote-create'; folder: Folder; name: FileName; content: Content }
  | { kind: 'remote-rename'; pick: number; name: FileName }
  | { kind: 'remote-delete'; pick: number }
  /** Folder renames swap the two subfolder names. */
  | { kind: 'local-folder-rename'; folder: FolderName }
  | { kind: 'local-folder-delete'; folder: FolderName }
  | { kind: 'remote-folder-rename'; folder: FolderName }
  | { kind: 'remote-folder-delete'; folder: FolderName }
  | { kind: 'pause'; scope: 'all' | 'root' }
  | { kind: 'resume' }
  | { kind: 'fault'; fault: FaultName }
  | { kind: 'sync' }
  /** A sync with slow transfers during which, after `afterMs`, a file is written here. */
  | {
      kind: 'sync-while-writing'
      afterMs: number
      folder: Folder
      name: FileName
      content: Content
    }
  /** A sync with slow transfers during which, after `afterMs`, another command pauses all. */
  | { kind: 'sync-while-pausing'; afterMs: number }

export function joinPath(folder: Folder, name: string): string {
  return folder === '' ? name : `${folder}/${name}`
}

export function otherFolder(folder: FolderName): FolderName {
  return folder === 'sub' ? 'alt' : 'sub'
}

const folderArb = fc.constantFrom<Folder>('', '', ...folderNames)
const folderNameArb = fc.constantFrom(...folderNames)
const nameArb = fc.constantFrom(...fileNames)
const contentArb = fc.constantFrom(...contents)
const pickArb = fc.nat({ max: 7 })
const afterMsArb = fc.constantFrom(0, 100, 250)

function step<K extends Step['kind'], R extends Record<string, unknown>>(
  kind: K,
  fields: { [F in keyof R]: fc.Arbitrary<R[F]> },
): fc.Arbitrary<{ kind: K } & R> {
  return fc.record(fields).map((values) => ({ kind, ...values }))
}

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: step('local-write', { folder: folderArb, name: nameArb, content: contentArb }),
  },
  { weight: 2, arbitrary: step('local-edit', { pick: pickArb, content: contentArb }) },
  {
    weight: 1,
    arbitrary: step('local-rename', { pick: pickArb, folder: folderArb, name: nameArb }),
  },
  { weight: 1, arbitrary: step('local-delete', { pick: pickArb }) },
  {
    weight: 3,
    arbitrary: step('remote-create', { folder: folderArb, name: nameArb, content: contentArb }),
  },
  { weight: 1, arbitrary: step('remote-rename', { pick: pickArb, name: nameArb }) },
  { weight: 1, arbitrary: step('remote-delete', { pick: pickArb }) },
  { weight: 1, arbitrary: step('local-folder-rename', { folder: folderNameArb }) },
  { weight: 1, arbitrary: step('local-folder-delete', { folder: folderNameArb }) },
  { weight: 1, arbitrary: step('remote-folder-rename', { folder: folderNameArb }) },
  { weight: 1, arbitrary: step('remote-folder-delete', { folder: folderNameArb }) },
  {
    weight: 1,
    arbitrary: step('pause', { scope: fc.constantFrom('all' as const, 'root' as const) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  {
    weight: 2,
    arbitrary: step('fault', {
      fault: fc.constantFrom(...(Object.keys(faultRules) as FaultName[])),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'sync' as const }) },
  {
    weight: 1,
    arbitrary: step('sync-while-writing', {
      afterMs: afterMsArb,
      folder: folderArb,
      name: nameArb,
      content: contentArb,
    }),
  },
  { weight: 1, arbitrary: step('sync-while-pausing', { afterMs: afterMsArb }) },
)

export const scenarioArb: fc.Arbitrary<Step[]> = fc.array(stepArb, { minLength: 1, maxLength: 12 })
