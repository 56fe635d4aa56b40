// The sync policy, one scenario per row, as a person meets it: files in a temp folder, a project
// in the emulator, and `frameio-sync run --once` with no settling time in between.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEmulator } from './checked-emulator'
import { localTree, md5Of, remoteTree, syncSetup } from './cli-harness'

const env = useEmulator()

describe('run --once follows the sync policy', () => {
  it('uploads a new local file, in its folder, verified', async () => {
    const sync = await syncSetup(env)
    await mkdir(join(sync.root, 'Footage'))
    await writeFile(join(sync.root, 'Footage', 'take1.mov'), 'take one')
    await writeFile(join(sync.root, 'notes.txt'), 'notes')
    const run = await sync.run('run', '--once')
    expect(run.stderr).toContain('uploaded Footage/take1.mov')
    expect(run.code, run.stderr).toBe(0)
    const remote = await remoteTree(env.emulator, sync.projectId)
    expect(remote.get('Footage')?.type).toBe('folder')
    expect(remote.get('Footage/take1.mov')?.md5).toBe(md5Of('take one'))
    expect(remote.get('notes.txt')?.md5).toBe(md5Of('notes'))
    expect(await sync.run('run', '--once')).toMatchObject({ code: 0 })
    expect((await remoteTree(env.emulator, sync.projectId)).size).toBe(3)
  })

  it('downloads a new remote file whose upload is complete, and not one still uploading', async () => {
    const sync = await syncSetup(env, {
      remote: { files: { 'Cuts/v1.mov': { text: 'first cut' } } },
    })
    const cuts = (await remoteTree(env.emulator, sync.projectId)).get('Cuts')!
    await sync.client.createUpload(sync.accountId, cuts.id, 'v2.mov', 10)
    const run = await sync.run('run', '--once')
    expect(run.code, run.stderr).toBe(0)
    expect(await readFile(join(sync.root, 'Cuts', 'v1.mov'), 'utf8')).toBe('first cut')
    expect([...(await localTree(sync.root)).keys()]).toEqual(['Cuts/v1.mov'])
    expect((await remoteTree(env.emulator, sync.projectId)).get('Cuts/v2.mov')?.status).toBe(
      'created',
    )
  })

  it('remembers a deletion on either side and never transfers the name again', async () => {
    const sync = await syncSetup(env, {
      remote: { files: { 'remote.txt': { text: 'from Frame.io' } } },
    })
    await writeFile(join(sync.root, 'local.txt'), 'from here')
    expect((await sync.run('run', '--once')).code).toBe(0)
    await rm(join(sync.root, 'remote.txt'))
    const remote = await remoteTree(env.emulator, sync.projectId)
    env.emulator.world.assets.delete(remote.get('local.txt')!.id)
    expect((await sync.run('run', '--once')).code).toBe(0)
    expect((await sync.run('run', '--once')).code).toBe(0)
    expect([...(await localTree(sync.root)).keys()]).toEqual(['local.txt'])
    expect([...(await remoteTree(env.emulator, sync.projectId)).keys()]).toEqual(['remote.txt'])
  })

  it('links equal files found on both sides without uploading, and reports different ones', async () => {
    const sync = await syncSetup(env, {
      remote: {
        files: {
          'same.txt': { text: 'identical' },
          'differs.txt': { text: 'AAAA' },
          'longer.txt': { text: 'remote is longer' },
        },
      },
    })
    await writeFile(join(sync.root, 'same.txt'), 'identical')
    await writeFile(join(sync.root, 'differs.txt'), 'BBBB')
    await writeFile(join(sync.root, 'longer.txt'), 'short')
    env.emulator.requests.length = 0
    const run = await sync.run('run', '--once')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'differs.txt: "differs.txt" exists on both sides with different content',
    )
    expect(run.stdout).toMatch(/longer\.txt: .*different content/)
    expect(run.stdout).not.toContain('same.txt')
    expect(
      env.emulator.requests.filter((r) => r.operationId === 'files.create_local_upload'),
    ).toEqual([])
    expect(await readFile(join(sync.root, 'differs.txt'), 'utf8')).toBe('BBBB')
    expect((await remoteTree(env.emulator, sync.projectId)).get('differs.txt')?.md5).toBe(
      md5Of('AAAA'),
    )
  })

  it('keeps the first of two remote items on one path and reports the other', async () => {
    const sync = await syncSetup(env, { remote: { files: { 'dup.txt': { text: 'first' } } } })
    const first = await remoteTree(env.emulator, sync.projectId)
    await env.emulator.addToProject(sync.projectId, { files: { 'dup.txt': { text: 'second!' } } })
    const run = await sync.run('run', '--once')
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/dup\.txt: .*first/i)
    expect(await readFile(join(sync.root, 'dup.txt'), 'utf8')).toBe('first')
    expect(first.get('dup.txt')?.md5).toBe(md5Of('first'))
  })

  it('keeps syncing a project renamed in Frame.io, and leaves a remotely renamed file alone', async () => {
    const sync = await syncSetup(env, { remote: { files: { 'clip.mov': { text: 'clip' } } } })
    expect((await sync.run('run', '--once')).code).toBe(0)
    env.emulator.world.projects.get(sync.projectId)!.name = 'Renamed project'
    const clip = (await remoteTree(env.emulator, sync.projectId)).get('clip.mov')!
    env.emulator.world.assets.get(clip.id)!.name = 'clip-renamed.mov'
    await writeFile(join(sync.root, 'after.txt'), 'after the rename')
    expect((await sync.run('run', '--once')).code).toBe(0)
    expect([...(await localTree(sync.root)).keys()].sort()).toEqual(['after.txt', 'clip.mov'])
    const remote = await remoteTree(env.emulator, sync.projectId)
    expect([...remote.keys()].sort()).toEqual(['after.txt', 'clip-renamed.mov'])
  })

  it('reports a new file here in a folder renamed in Frame.io, and syncs it once the folder here matches', async () => {
    const sync = await syncSetup(env, { remote: { files: { 'Cuts/v1.mov': { text: 'cut' } } } })
    expect((await sync.run('run', '--once')).code).toBe(0)
    const cuts = (await remoteTree(env.emulator, sync.projectId)).get('Cuts')!
    env.emulator.world.assets.get(cuts.id)!.name = 'Approved'
    await writeFile(join(sync.root, 'Cuts', 'v2.mov'), 'second cut')
    const run = await sync.run('run', '--once')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      'Cuts/v2.mov: "Cuts/v2.mov" is in the folder "Cuts", which was renamed or moved in Frame.io to "Approved"',
    )
    expect([...(await remoteTree(env.emulator, sync.projectId)).keys()].sort()).toEqual([
      'Approved',
      'Approved/v1.mov',
    ])
    expect([...(await localTree(sync.root)).keys()].sort()).toEqual(['Cuts/v1.mov', 'Cuts/v2.mov'])

    // The way out the issue gives: the folder renamed here to match.
    await rename(join(sync.root, 'Cuts'), join(sync.root, 'Approved'))
    const matched = await sync.run('run', '--once')
    expect(matched.code, matched.stdout).toBe(0)
    expect(matched.stderr).toContain('uploaded Approved/v2.mov')
    expect((await remoteTree(env.emulator, sync.projectId)).get('Approved/v2.mov')?.md5).toBe(
      md5Of('second cut'),
    )
    expect((await sync.run('issues')).stdout).toContain('No sync issues.')
  })

  it('reports an empty file, and uploads it as soon as it has content', async () => {
    const sync = await syncSetup(env)
    await writeFile(join(sync.root, 'notes.txt'), '')
    const empty = await sync.run('run', '--once')
    expect(empty.code).toBe(1)
    expect(empty.stdout).toContain('notes.txt: "notes.txt" is empty, and Frame.io does not take')
    expect((await remoteTree(env.emulator, sync.projectId)).size).toBe(0)
    await writeFile(join(sync.root, 'notes.txt'), 'now with notes')
    const filled = await sync.run('run', '--once')
    expect(filled.code, filled.stdout).toBe(0)
    expect((await remoteTree(env.emulator, sync.projectId)).get('notes.txt')?.md5).toBe(
      md5Of('now with notes'),
    )
    expect((await sync.run('issues')).stdout).not.toContain('notes.txt')
  })

  it('uploads a locally renamed file as a new file and keeps the old one in Frame.io', async () => {
    const sync = await syncSetup(env)
    await writeFile(join(sync.root, 'old.txt'), 'content')
    expect((await sync.run('run', '--once')).code).toBe(0)
    await rename(join(sync.root, 'old.txt'), join(sync.root, 'new.txt'))
    expect((await sync.run('run', '--once')).code).toBe(0)
    const remote = await remoteTree(env.emulator, sync.projectId)
    expect([...remote.keys()].sort()).toEqual(['new.txt', 'old.txt'])
    expect([...(await localTree(sync.root)).keys()]).toEqual(['new.txt'])
  })

  it('moves files one way only in upload-only and download-only modes', async () => {
    const up = await syncSetup(env, {
      mode: 'upload',
      remote: { files: { 'there.txt': { text: 'r' } } },
    })
    await writeFile(join(up.root, 'here.txt'), 'l')
    expect((await up.run('run', '--once')).code).toBe(0)
    expect([...(await localTree(up.root)).keys()]).toEqual(['here.txt'])
    expect([...(await remoteTree(env.emulator, up.projectId)).keys()].sort()).toEqual([
      'here.txt',
      'there.txt',
    ])

    const down = await syncSetup(env, {
      mode: 'download',
      remote: { files: { 'there.txt': { text: 'r' } } },
    })
    await writeFile(join(down.root, 'here.txt'), 'l')
    expect((await down.run('run', '--once')).code).toBe(0)
    expect([...(await localTree(down.root)).keys()].sort()).toEqual(['here.txt', 'there.txt'])
    expect([...(await remoteTree(env.emulator, down.projectId)).keys()]).toEqual(['there.txt'])
  })

  it('reports an edited file instead of overwriting either copy', async () => {
    const sync = await syncSetup(env)
    await writeFile(join(sync.root, 'edit.txt'), 'version one')
    expect((await sync.run('run', '--once')).code).toBe(0)
    await writeFile(join(sync.root, 'edit.txt'), 'version two, longer')
    const run = await sync.run('run', '--once')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('edit.txt')
    expect((await remoteTree(env.emulator, sync.projectId)).get('edit.txt')?.md5).toBe(
      md5Of('version one'),
    )
    expect(await readFile(join(sync.root, 'edit.txt'), 'utf8')).toBe('version two, longer')
  })

  it('refuses a remote name that would leave the folder, and writes nothing outside it', async () => {
    const sync = await syncSetup(env, { remote: { files: { 'safe.txt': { text: 'ok' } } } })
    const safe = (await remoteTree(env.emulator, sync.projectId)).get('safe.txt')!
    env.emulator.world.assets.get(safe.id)!.name = '..'
    await env.emulator.addToProject(sync.projectId, { files: { 'CON.txt': { text: 'device' } } })
    const run = await sync.run('run', '--once')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('CON.txt')
    expect([...(await localTree(sync.root)).keys()]).toEqual([])
    expect(await readdir(join(sync.root, '..'))).toEqual(['Synced'])
  })

  it('holds a root whose folder went missing or lost its marker, and deletes nothing', async () => {
    const sync = await syncSetup(env)
    await writeFile(join(sync.root, 'keep.txt'), 'keep')
    expect((await sync.run('run', '--once')).code).toBe(0)
    await rm(sync.root, { recursive: true })
    const missing = await sync.run('run', '--once')
    expect(missing.code).toBe(1)
    expect(missing.stdout).toMatch(/is missing/)
    expect((await sync.run('list')).stdout).toMatch(/attention: The folder .* is missing/)
    await mkdir(sync.root)
    const unmarked = await sync.run('run', '--once')
    expect(unmarked.code).toBe(1)
    expect(unmarked.stdout).toMatch(/marker/i)
    expect([...(await localTree(sync.root)).keys()]).toEqual([])
    expect([...(await remoteTree(env.emulator, sync.projectId)).keys()]).toEqual(['keep.txt'])
  })
})
