/**
 * Typed in-process events: side effects across modules (an absence recorded → a parent notified) travel as
 * events, emitted after the transaction that made the change has committed.
 *
 * Each module adds its events to `EventMap` by declaration merging, in its own `<module>.events.ts`:
 *
 *   declare module '../../events' {
 *     interface EventMap { 'attendance.absence_recorded': { schoolId: string; studentId: string; date: string } }
 *   }
 *
 * (`interface` rather than `type` here because only interfaces merge.)
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module
export interface EventMap {}

export type EventName = keyof EventMap;
type Handler<K extends EventName> = (payload: EventMap[K]) => Promise<void> | void;

export type EventBus = {
  on<K extends EventName>(name: K, handler: Handler<K>): void;
  /** Runs every handler; a failing handler is reported and does not stop the others or the caller. */
  emit<K extends EventName>(name: K, payload: EventMap[K]): Promise<void>;
};

export function createEventBus(onError: (name: string, err: unknown) => void): EventBus {
  const handlers = new Map<string, Handler<EventName>[]>();
  return {
    on(name, handler) {
      const list = handlers.get(name) ?? [];
      list.push(handler as Handler<EventName>);
      handlers.set(name, list);
    },
    async emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          await handler(payload as never);
        } catch (err) {
          onError(String(name), err);
        }
      }
    },
  };
}
