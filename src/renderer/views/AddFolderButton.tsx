// "Add folder": opens the desktop app's picker window, or the picker in place where there is none.
import { IpcError } from '../../shared'
import { useApi } from '../api/context'
import { navigate } from '../route'
import { useAction } from './useAction'

export function AddFolderButton({ primary = false }: { primary?: boolean }) {
  const api = useApi()
  const { run, error, busy } = useAction()
  const add = () =>
    void run('Could not open the folder picker', async () => {
      try {
        await api.invoke('app:showFolderPicker')
      } catch (cause) {
        // 'failed' means this page has no desktop behind it (a browser on `serve`).
        if (cause instanceof IpcError && cause.code === 'failed') navigate('picker')
        else throw cause
      }
    })
  return (
    <>
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        onClick={add}
        disabled={busy}
      >
        Add folder
      </button>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
