// A typed hub for the contract's event channels: the service publishes, transports subscribe and
// can ask for the last payload of a channel when they join late.
import type { EventChannel, EventListener, EventPayload, EventSource, Unsubscribe } from '../shared'

export class EventHub implements EventSource {
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>()
  private readonly last = new Map<EventChannel, unknown>()

  latest<E extends EventChannel>(event: E): EventPayload<E> | undefined {
    return this.last.get(event) as EventPayload<E> | undefined
  }

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
    this.last.set(event, payload)
    for (const listener of this.listeners.get(event) ?? []) {
      ;(listener as EventListener<E>)(payload)
    }
  }
}
