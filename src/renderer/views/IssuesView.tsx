// The issues screen. Being built: only its heading and the way back for now.
import { navigate } from '../route'

export function IssuesView() {
  return (
    <main className="screen">
      <h1>Sync issues</h1>
      <button type="button" onClick={() => navigate('popover')}>
        Back
      </button>
    </main>
  )
}
