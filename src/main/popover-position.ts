// Where the popover opens: under (or above) the tray icon, kept on screen; near the top-right of
// the work area when the desktop does not tell where the tray icon is (several Linux desktops).
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const gap = 4
const margin = 8

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}

export function popoverPosition(
  tray: Rect | null,
  size: { width: number; height: number },
  workArea: Rect,
): { x: number; y: number } {
  const known = tray !== null && (tray.width > 0 || tray.height > 0 || tray.x > 0 || tray.y > 0)
  if (!known) {
    return {
      x: workArea.x + workArea.width - size.width - margin,
      y: workArea.y + margin,
    }
  }
  const trayIsInUpperHalf = tray.y + tray.height / 2 < workArea.y + workArea.height / 2
  const x = Math.round(tray.x + tray.width / 2 - size.width / 2)
  const y = trayIsInUpperHalf ? tray.y + tray.height + gap : tray.y - size.height - gap
  return {
    x: clamp(x, workArea.x + margin, workArea.x + workArea.width - size.width - margin),
    y: clamp(y, workArea.y, workArea.y + workArea.height - size.height),
  }
}
