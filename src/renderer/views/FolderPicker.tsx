// The picker screen. Being built: only its heading and the way back for now.
import { navigate } from '../route'

export function FolderPicker() {
  return (
    <main className="screen">
      <h1>Add a folder</h1>
      <button type="button" onClick={() => navigate('popover')}>
        Back
      </button>
    </main>
  )
}
