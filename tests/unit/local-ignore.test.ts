// Ignore rules: built-in junk and the state folder, generic names kept, the root's .frameioignore
// (nested paths, folder-only patterns, negation), patterns from settings, reload, unreadable file.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createIgnoreRules } from '../../src/core/local'
import { useTempFolders } from './local-temp'

const tempFolder = useTempFolders('local-ignore')

async function rootWith(ignoreFile?: string): Promise<string> {
  const root = await tempFolder()
  if (ignoreFile !== undefined) await writeFile(join(root, '.frameioignore'), ignoreFile)
  return root
}

describe('createIgnoreRules', () => {
  it('ignores built-in junk anywhere, whatever its case, and the state folder at the root', async () => {
    const rules = await createIgnoreRules({ rootPath: await rootWith() })
    const junk: Array<[string, boolean]> = [
      ['.DS_Store', false],
      ['shoot/day1/.DS_Store', false],
      ['Thumbs.db', false],
      ['shoot/THUMBS.DB', false],
      ['desktop.ini', false],
      ['~$Budget.xlsx', false],
      ['notes/~$Script.docx', false],
      ['render.tmp', false],
      ['clip.mov.part', false],
      ['clip.mov.crdownload', false],
      ['._clip.mov', false],
      ['.frameio-sync', true],
      ['.frameio-sync/tmp/abc.download', false],
    ]
    for (const [path, isFolder] of junk) expect(rules.ignores(path, isFolder), path).toBe(true)
  })

  it('reads the built-in patterns as globs of one name: literal dots, nothing beyond the name', async () => {
    const rules = await createIgnoreRules({ rootPath: await rootWith() })
    expect(rules.ignores('Thumbs_db', false)).toBe(false)
    expect(rules.ignores('render.tmpx', false)).toBe(false)
    expect(rules.ignores('clip.part.mov', false)).toBe(false)
    expect(rules.ignores('a~$b.docx', false)).toBe(false)
    expect(rules.ignores('shoot.tmp', true)).toBe(true)
    expect(rules.ignores('shoot.tmp/clip.mov', false)).toBe(true)
    expect(rules.ignores('a/._cache/b/clip.mov', false)).toBe(true)
  })

  it('never ignores generic names or ordinary media by default', async () => {
    const rules = await createIgnoreRules({ rootPath: await rootWith() })
    for (const name of ['config', 'lib', 'build', 'node_modules', 'dist', 'tmp', 'cache']) {
      expect(rules.ignores(name, true), `${name}/`).toBe(false)
      expect(rules.ignores(name, false), name).toBe(false)
      expect(rules.ignores(`project/${name}/clip.mov`, false), `project/${name}/clip.mov`).toBe(
        false,
      )
    }
    expect(rules.ignores('clip.mov', false)).toBe(false)
    expect(rules.ignores('.frameioignore', false)).toBe(false)
    expect(rules.ignores('shoot/.frameio-sync', true)).toBe(false)
  })

  it('applies .frameioignore with gitignore rules: nested paths, folders only, anchors, negation', async () => {
    const root = await rootWith(
      ['# renders are made again', 'renders/', '*.mov', '!keep.mov', '/top-only.txt', ''].join(
        '\n',
      ),
    )
    const rules = await createIgnoreRules({ rootPath: root })
    expect(rules.ignores('renders', true)).toBe(true)
    expect(rules.ignores('renders/final.mp4', false)).toBe(true)
    expect(rules.ignores('a/b/renders', true)).toBe(true)
    expect(rules.ignores('a/b/renders/final.mp4', false)).toBe(true)
    expect(rules.ignores('renders', false)).toBe(false)
    expect(rules.ignores('a/b/clip.mov', false)).toBe(true)
    expect(rules.ignores('a/b/keep.mov', false)).toBe(false)
    expect(rules.ignores('top-only.txt', false)).toBe(true)
    expect(rules.ignores('sub/top-only.txt', false)).toBe(false)
    expect(rules.ignores('a/b/clip.mp4', false)).toBe(false)
  })

  it('gives the same verdicts when it compiles the person’s patterns afresh to forget its cache', async () => {
    const root = await rootWith('renders/\n*.mov\n!keep.mov\n/top-only.txt\n')
    const extraPatterns = ['*.wav', '!keep.wav']
    const reference = await createIgnoreRules({ rootPath: root, extraPatterns })
    const forgetful = await createIgnoreRules({ rootPath: root, extraPatterns, testsPerMatcher: 2 })
    const cases: Array<[string, boolean]> = [
      ['renders', true],
      ['a/renders/final.mp4', false],
      ['a/b/clip.mov', false],
      ['a/b/keep.mov', false],
      ['top-only.txt', false],
      ['sub/top-only.txt', false],
      ['audio/take1.wav', false],
      ['audio/keep.wav', false],
      ['shoot/.DS_Store', false],
      ['a/b/clip.mp4', false],
    ]
    const verdicts = (rules: typeof reference) =>
      cases.map(([path, isFolder]) => `${path}: ${rules.ignores(path, isFolder)}`)
    const expected = verdicts(reference)
    expect(expected.filter((verdict) => verdict.endsWith('true'))).toHaveLength(6)
    for (let round = 0; round < 3; round++) expect(verdicts(forgetful)).toEqual(expected)
  })

  it('lets a negation in .frameioignore bring back a built-in pattern, never the state folder', async () => {
    const root = await rootWith('!*.tmp\n!.frameio-sync/\n')
    const rules = await createIgnoreRules({ rootPath: root })
    expect(rules.ignores('scene.tmp', false)).toBe(false)
    expect(rules.ignores('.DS_Store', false)).toBe(true)
    expect(rules.ignores('.frameio-sync', true)).toBe(true)
  })

  it('adds patterns from settings, which .frameioignore can override', async () => {
    const root = await rootWith('!keep.wav\n')
    const rules = await createIgnoreRules({ rootPath: root, extraPatterns: ['*.wav', 'proxies/'] })
    expect(rules.ignores('audio/take1.wav', false)).toBe(true)
    expect(rules.ignores('audio/keep.wav', false)).toBe(false)
    expect(rules.ignores('proxies', true)).toBe(true)
  })

  it('matches the person’s own patterns ignoring case only when asked to', async () => {
    const root = await rootWith('*.MOV\n')
    const exact = await createIgnoreRules({ rootPath: root })
    const folded = await createIgnoreRules({ rootPath: root, caseInsensitive: true })
    expect(exact.ignores('clip.mov', false)).toBe(false)
    expect(exact.ignores('clip.MOV', false)).toBe(true)
    expect(folded.ignores('clip.mov', false)).toBe(true)
  })

  it('compares patterns and paths in NFC', async () => {
    const rules = await createIgnoreRules({ rootPath: await rootWith('cafe\u0301/\n') })
    expect(rules.ignores('caf\u00e9', true)).toBe(true)
  })

  it('picks up changes to .frameioignore on reload', async () => {
    const root = await rootWith('*.mov\n')
    const rules = await createIgnoreRules({ rootPath: root })
    expect(rules.ignores('clip.mov', false)).toBe(true)
    await writeFile(join(root, '.frameioignore'), '*.mp4\n')
    expect(rules.ignores('clip.mov', false)).toBe(true)
    await rules.reload()
    expect(rules.ignores('clip.mov', false)).toBe(false)
    expect(rules.ignores('clip.mp4', false)).toBe(true)
  })

  it('names the ignore file when it cannot be read, and keeps the old rules on reload', async () => {
    const broken = await rootWith()
    await mkdir(join(broken, '.frameioignore'))
    const expected = `The ignore file ${join(broken, '.frameioignore')} could not be read`
    await expect(createIgnoreRules({ rootPath: broken })).rejects.toThrow(expected)

    const root = await rootWith('*.mov\n')
    const rules = await createIgnoreRules({ rootPath: root })
    await rm(join(root, '.frameioignore'))
    await mkdir(join(root, '.frameioignore'))
    await expect(rules.reload()).rejects.toThrow(join(root, '.frameioignore'))
    expect(rules.ignores('clip.mov', false)).toBe(true)
  })
})
