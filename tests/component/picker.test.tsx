// The folder picker's form: the folder chooser and its typed-path fallback, mode, the readiness
// default, inline and top-level errors from roots:add, and what happens once a folder is added.
import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  callsTo,
  describedBy,
  fail,
  never,
  ok,
  onPickerScreen,
  pathField,
  secondsField,
  server,
  settle,
  show,
  submit,
} from './picker-harness'

onPickerScreen()

describe('FolderPicker: adding a folder', () => {
  it('sends the project, the chosen folder, the mode and the readiness window', async () => {
    const transport = server({})
    await show(transport)
    expect(secondsField().value).toBe('45')
    expect(describedBy(secondsField())).toBe(
      'Upload a new file once it has not changed for 45 seconds.',
    )
    fireEvent.click(screen.getByRole('radio', { name: /Trailer 2027/ }))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose…' })))
    expect(pathField().value).toBe('/Users/ada/Trailer')
    const uploadOnly = screen.getByRole('radio', { name: 'Upload only' })
    expect(describedBy(uploadOnly)).toBe('New files here go to Frame.io; nothing is downloaded.')
    fireEvent.click(uploadOnly)
    fireEvent.change(secondsField(), { target: { value: '120' } })
    expect(describedBy(secondsField())).toBe(
      'Upload a new file once it has not changed for 120 seconds.',
    )
    await submit()
    expect(callsTo(transport, 'roots:add')).toEqual([
      {
        projectId: 'p1',
        localPath: '/Users/ada/Trailer',
        mode: 'upload-only',
        readyAfterSeconds: 120,
      },
    ])
    expect(screen.getByRole('heading', { name: 'Folder added' })).toBe(document.activeElement)
    expect(document.body.textContent).toContain('Trailer now syncs with “Trailer 2027” in Frame.io')
  })

  it('starts over on "Add another" and goes back to the popover on "Done"', async () => {
    await show(server({}))
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/Volumes/Footage/Dailies' } })
    await submit()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add another' })))
    await settle()
    expect(pathField().value).toBe('')
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Dailies/ }).checked).toBe(false)
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Two-way' }).checked).toBe(true)
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/Volumes/Footage/More' } })
    await submit()
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(window.location.hash).toBe('')
  })

  it('keeps the typed folder when the chooser is cancelled', async () => {
    await show(server({ 'dialog:chooseFolder': () => ok({ path: null }) }))
    fireEvent.change(pathField(), { target: { value: '/srv/media' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose…' })))
    expect(pathField().value).toBe('/srv/media')
  })

  it('falls back to typing the path where there is no folder chooser', async () => {
    const transport = server({
      'dialog:chooseFolder': () =>
        fail({ code: 'failed', message: 'There is no folder chooser in a browser.' }),
    })
    await show(transport)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose…' })))
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull()
    expect(describedBy(pathField())).toBe(
      'This window cannot open a folder chooser: type the folder’s full path instead.',
    )
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/srv/media/dailies' } })
    await submit()
    expect(callsTo(transport, 'roots:add')).toEqual([
      { projectId: 'p2', localPath: '/srv/media/dailies', mode: 'two-way', readyAfterSeconds: 45 },
    ])
  })

  it('says so when the folder chooser breaks for another reason', async () => {
    await show(
      server({
        'dialog:chooseFolder': () => fail({ code: 'internal', message: 'dialog crashed' }),
      }),
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose…' })))
    expect(screen.getByRole('button', { name: 'Choose…' })).toBeTruthy()
    expect(describedBy(pathField())).toBe('Could not open the folder chooser: dialog crashed')
  })

  it('points at what is missing before asking the service', async () => {
    const transport = server({})
    await show(transport)
    fireEvent.change(secondsField(), { target: { value: '1.5' } })
    await submit()
    expect(callsTo(transport, 'roots:add')).toEqual([])
    const search = screen.getByRole('searchbox', { name: 'Find a project' })
    expect(describedBy(search)).toBe('Choose the Frame.io project to sync.')
    expect(search.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(search)
    expect(describedBy(pathField())).toBe(
      'Choose a folder on this computer, or type its full path.',
    )
    expect(describedBy(secondsField())).toContain(
      'Enter a whole number of seconds, from 0 to 86400 (a day).',
    )
    fireEvent.change(pathField(), { target: { value: '/srv' } })
    expect(pathField().getAttribute('aria-invalid')).toBeNull()
  })

  it("shows the service's refusal next to the field it concerns", async () => {
    const transport = server({
      'roots:add': () =>
        fail({
          code: 'invalid-input',
          message: 'The folder /srv/nope does not exist.',
          field: 'localPath',
        }),
    })
    await show(transport)
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/srv/nope' } })
    await submit()
    expect(describedBy(pathField())).toBe('The folder /srv/nope does not exist.')
    expect(document.activeElement).toBe(pathField())
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Folder added' })).toBeNull()
  })

  it('shows a refused mode under the mode choices', async () => {
    await show(
      server({
        'roots:add': () =>
          fail({ code: 'invalid-input', message: 'This mode is not available.', field: 'mode' }),
      }),
    )
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/srv' } })
    await submit()
    expect(describedBy(screen.getByRole('group', { name: 'Direction' }))).toBe(
      'This mode is not available.',
    )
  })

  it('shows other failures at the top of the form', async () => {
    await show(
      server({
        'roots:add': () => fail({ code: 'failed', message: 'Frame.io could not be reached.' }),
      }),
    )
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/srv' } })
    await submit()
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not add the folder: Frame.io could not be reached.',
    )
    expect(screen.getByRole('button', { name: 'Start syncing' })).toBeTruthy()
  })

  it('leaves the readiness window to the service when Settings cannot be read', async () => {
    const transport = server({
      'settings:get': () => fail({ code: 'failed', message: 'Settings are unreadable.' }),
    })
    await show(transport)
    expect(secondsField().value).toBe('')
    expect(describedBy(secondsField())).toContain('Left empty, the default from Settings applies.')
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/srv' } })
    await submit()
    expect(callsTo(transport, 'roots:add')).toEqual([
      { projectId: 'p2', localPath: '/srv', mode: 'two-way' },
    ])
  })

  it('says it is adding while the service works', async () => {
    await show(server({ 'roots:add': never }))
    fireEvent.click(screen.getByRole('radio', { name: /Dailies/ }))
    fireEvent.change(pathField(), { target: { value: '/srv' } })
    await submit()
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Adding…' })
    expect(button.disabled).toBe(true)
  })
})
