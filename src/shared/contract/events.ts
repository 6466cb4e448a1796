// Events the core pushes to the UI, each with a schema so the receiving side can trust what it renders.
import { array, id, literal, number, object, optional, string, nullable, type Infer } from './schema.js';

export const EVENTS = {
  progress: object({
    phase: literal('index', 'analyse', 'export', 'idle'),
    done: number({ int: true, min: 0 }),
    total: number({ int: true, min: 0 }),
    ratePerSec: number({ min: 0 }),
    etaSec: nullable(number({ min: 0 })),
    current: optional(string({ max: 4096 })),
  }),
  /** Rows whose data changed (analysed, relabelled, tagged): the UI refetches the visible ones. */
  'samples-changed': object({ ids: array(id(), { max: 200_000 }) }),
  /** Something structural changed (roots, groups, many rows): refresh lists and counts. */
  'library-changed': object({ what: literal('roots', 'groups', 'samples', 'map') }),
  /** The library's clusters are ready: a map sent before them (all points cluster -1) can be re-fetched. */
  'clusters-ready': object({ clusters: number({ int: true, min: 0 }) }),
  'export-progress': object({ done: number({ int: true, min: 0 }), total: number({ int: true, min: 0 }), current: optional(string({ max: 4096 })) }),
  error: object({ message: string({ max: 4096 }) }),
  /** The personal similarity head's status changed (scheduled, progress, trained, reset, failed). */
  'personal-head': object({
    state: literal('untrained', 'waiting', 'training', 'trained', 'outdated', 'error'),
    labels: number({ int: true, min: 0 }),
    classes: number({ int: true, min: 0 }),
    needs: nullable(string({ max: 4096 })),
    trained: nullable(object({
      labels: number({ int: true, min: 0 }),
      classes: number({ int: true, min: 0 }),
      at: number({ min: 0 }),
      seconds: number({ min: 0 }),
      groups: array(object({ label: string({ max: 4096 }), count: number({ int: true, min: 0 }) }), { max: 1000 }),
    })),
    progress: nullable(object({ epoch: number({ int: true, min: 0 }), epochs: number({ int: true, min: 0 }) })),
    message: nullable(string({ max: 4096 })),
  }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<N extends EventName> = Infer<(typeof EVENTS)[N]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

export function parseEvent<N extends EventName>(name: N, payload: unknown): EventPayload<N> {
  return EVENTS[name].parse(payload, name) as EventPayload<N>;
}
