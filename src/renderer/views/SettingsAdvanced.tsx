// The settings form's advanced part, collapsed by default: where the app finds Frame.io and Adobe
// sign-in, and which OAuth credential it signs in with.
import type { ApiSettings } from '../../shared'
import type { ApiField } from './settings-draft'
import type { SectionProps } from './SettingsSections'
import { TextField } from './SettingsFields'

const apiFields: ReadonlyArray<{ field: ApiField; label: string; hint: string }> = [
  {
    field: 'apiUrl',
    label: 'Frame.io API address',
    hint: 'Empty: FRAMEIO_API_URL from the environment, else Frame.io itself.',
  },
  {
    field: 'imsUrl',
    label: 'Adobe sign-in (IMS) address',
    hint: "Empty: FRAMEIO_IMS_URL from the environment, else Adobe's own.",
  },
  {
    field: 'clientId',
    label: 'OAuth client ID',
    hint: 'From your Adobe Developer Console credential. Empty: FRAMEIO_CLIENT_ID.',
  },
  {
    field: 'redirectUri',
    label: 'Redirect URI',
    hint: 'From the same credential, adobe+…://adobeid/…. Empty: FRAMEIO_REDIRECT_URI.',
  },
]

export function AdvancedSection({
  draft,
  problems,
  edit,
  open,
  onOpenChange,
}: SectionProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  const editApi = (change: Partial<ApiSettings>) => edit({ api: { ...draft.api, ...change } })
  return (
    <details
      className="settings-section settings-advanced"
      open={open}
      onToggle={(event) => onOpenChange(event.currentTarget.open)}
    >
      <summary>Advanced: Frame.io connection</summary>
      <p className="settings-note">
        Changes here apply after Frame.io Sync restarts. Most people never need them.
      </p>
      {apiFields.map(({ field, label, hint }) => (
        <TextField
          key={field}
          field={`api.${field}`}
          label={label}
          hint={hint}
          value={draft.api[field]}
          problem={problems[`api.${field}`]}
          onChange={(value) => editApi({ [field]: value })}
        />
      ))}
    </details>
  )
}
