// The settings screen. Being built: only its heading and the way back for now.
import { navigate } from '../route'

export function SettingsView() {
  return (
    <main className="screen">
      <h1>Settings</h1>
      <button type="button" onClick={() => navigate('popover')}>
        Back
      </button>
    </main>
  )
}
