// The folder picker's project list: loading, failing and empty accounts and projects, searching
// by name across workspaces, narrowing by workspace, and switching accounts.
import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RpcResult } from '../../src/shared'
import {
  callsTo,
  describedBy,
  fail,
  never,
  ok,
  onPickerScreen,
  projectNames,
  secondsField,
  server,
  settle,
  show,
  studio,
  submit,
} from './picker-harness'

onPickerScreen()

describe('FolderPicker: choosing a project', () => {
  it('says it is loading the accounts', async () => {
    await show(server({ 'frameio:accounts': never, 'settings:get': never }))
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Add a folder')
    expect(screen.getByText('Loading your Frame.io accounts…')).toBeTruthy()
    expect(secondsField().value).toBe('')
  })

  it("says it is loading an account's projects until they arrive", async () => {
    let answerProjects: (result: RpcResult) => void = () => undefined
    await show(
      server({
        'frameio:accounts': () => ok([studio]),
        'frameio:workspaces': () => ok([{ id: 'w1', name: 'Features' }]),
        'frameio:projects': () => new Promise<RpcResult>((resolve) => (answerProjects = resolve)),
      }),
    )
    expect(screen.getByText('Loading the projects of Studio…')).toBeTruthy()
    await act(async () => answerProjects(ok([{ id: 'p1', name: 'Trailer 2027' }])))
    expect(screen.queryByText('Loading the projects of Studio…')).toBeNull()
    expect(projectNames()).toEqual(['Trailer 2027'])
  })

  it('lists the projects of every workspace of the first account, by name', async () => {
    const transport = server({})
    await show(transport)
    expect(projectNames()).toEqual(['Dailies', 'Summer trailer', 'Trailer 2027'])
    expect(callsTo(transport, 'frameio:workspaces')).toEqual([{ accountId: 'a1' }])
    expect(callsTo(transport, 'frameio:projects')).toEqual([
      { accountId: 'a1', workspaceId: 'w1' },
      { accountId: 'a1', workspaceId: 'w2' },
    ])
    expect(
      screen.getByRole('radio', { name: /Summer trailer/ }).closest('label')?.textContent,
    ).toBe('Summer trailerCommercials')
  })

  it('filters projects by name across workspaces, and by workspace', async () => {
    await show(server({}))
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a project' }), {
      target: { value: 'TRAILER' },
    })
    expect(projectNames()).toEqual(['Summer trailer', 'Trailer 2027'])
    fireEvent.change(screen.getByRole('combobox', { name: 'Workspace' }), {
      target: { value: 'w1' },
    })
    expect(projectNames()).toEqual(['Trailer 2027'])
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a project' }), {
      target: { value: 'pitch' },
    })
    expect(projectNames()).toEqual([])
    expect(screen.getByText('No project matches “pitch”.')).toBeTruthy()
  })

  it('keeps the chosen project in view while searching for something else', async () => {
    await show(server({}))
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a project' }), {
      target: { value: 'summer' },
    })
    expect(projectNames()).toEqual(['Dailies', 'Summer trailer'])
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Dailies/ }).checked).toBe(true)
  })

  it("switches to another account's projects and forgets the chosen project", async () => {
    const transport = server({})
    await show(transport)
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), {
      target: { value: 'a2' },
    })
    await settle()
    expect(projectNames()).toEqual(['Pitch deck'])
    expect(callsTo(transport, 'frameio:projects')).toContainEqual({
      accountId: 'a2',
      workspaceId: 'w3',
    })
    // One workspace: no workspace chooser and no workspace under each name.
    expect(screen.queryByRole('combobox', { name: 'Workspace' })).toBeNull()
    expect(screen.getByRole('radio', { name: /Pitch deck/ }).closest('label')?.textContent).toBe(
      'Pitch deck',
    )
    await submit()
    expect(describedBy(screen.getByRole('searchbox'))).toBe('Choose the Frame.io project to sync.')
  })

  it('has no account chooser for a person with one account', async () => {
    await show(server({ 'frameio:accounts': () => ok([studio]) }))
    expect(screen.queryByRole('combobox', { name: 'Account' })).toBeNull()
    expect(projectNames()).toHaveLength(3)
  })

  it('says plainly when an account has no projects', async () => {
    await show(server({ 'frameio:accounts': () => ok([studio]), 'frameio:projects': () => ok([]) }))
    expect(document.body.textContent).toContain(
      'Studio has no projects yet. Create one in Frame.io, then try again.',
    )
  })

  it('says so when the Frame.io user belongs to no account', async () => {
    await show(server({ 'frameio:accounts': () => ok([]) }))
    expect(document.body.textContent).toContain('Your Frame.io user belongs to no account yet.')
  })

  it('explains a failed account list and tries again on request', async () => {
    let failures = 1
    const transport = server({
      'frameio:accounts': () =>
        failures-- > 0
          ? fail({ code: 'failed', message: 'Frame.io did not answer in time.' })
          : ok([studio]),
    })
    await show(transport)
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not load your Frame.io accounts: Frame.io did not answer in time.Try again',
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })))
    await settle()
    expect(callsTo(transport, 'frameio:accounts')).toHaveLength(2)
    expect(projectNames()).toHaveLength(3)
  })

  it('asks a signed-out person to sign in first', async () => {
    await show(
      server({
        'frameio:accounts': () => fail({ code: 'unauthorized', message: 'Sign in again.' }),
      }),
    )
    expect(screen.getByRole('alert').textContent).toContain(
      'You are signed out of Frame.io. Go back, sign in, then try again.',
    )
  })

  it('explains failed project lists of an account', async () => {
    await show(
      server({
        'frameio:accounts': () => ok([studio]),
        'frameio:workspaces': () => fail({ code: 'failed', message: 'Frame.io is busy.' }),
      }),
    )
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not load the projects of Studio: Frame.io is busy.Try again',
    )
  })
})
