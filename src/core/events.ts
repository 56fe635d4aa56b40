// A typed hub for the contract's event channels: the service publishes, transports subscribe.
import type { EventChannel, EventListener, EventPayload, EventSource, Unsubscribe } from '../shared'

export class EventHub implements EventSource {
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>()

  on<E extends EventChannel>(event: E, listener: EventListener<E>): Unsubscribe {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      ;(listener as EventListener<E>)(payload)
    }
  }
}
