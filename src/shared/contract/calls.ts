// Every call the UI can make on the core: its request schema (validated at the core's door) and its response type.
// Electron's preload, the HTTP host and the renderer's transport are all generated from this one table.
import { array, boolean, id, literal, number, object, optional, string, refine, nullable, type Infer } from './schema.js';
import type {
  CategoryOption, DuplicateSetView, ExportPlanView, ExportResultView, FailedView, GroupView, LibraryStatusView, ListResult,
  MapPointsView, PersonalHeadView, ProblemView, ReportView, SampleDetailView, SampleRow, SimilarResult,
} from './views.js';

const MAX_IDS = 200_000;
const ids = (min = 1) => array(id(), { min, max: MAX_IDS });
const category = () => string({ min: 1, max: 64, pattern: /^[a-z0-9_]+$/ });
const tagName = () => string({ min: 1, max: 64 });
const groupName = () => refine(string({ min: 1, max: 120 }), (s) => (s.trim() ? null : 'group name is blank'));

export const SORT_KEYS = ['name', 'category', 'tags', 'kind', 'bpm', 'key', 'duration', 'loudness', 'format', 'path', 'rating', 'id'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const sampleQuery = object({
  text: optional(string({ max: 500 })),
  categories: optional(array(category(), { max: 100 })),
  kinds: optional(array(literal('oneshot', 'loop'), { max: 2 })),
  bpmMin: optional(number({ min: 0, max: 1000 })),
  bpmMax: optional(number({ min: 0, max: 1000 })),
  keys: optional(array(string({ min: 1, max: 24 }), { max: 48 })),
  durationMin: optional(number({ min: 0, max: 86400 })),
  durationMax: optional(number({ min: 0, max: 86400 })),
  rootId: optional(id()),
  groupId: optional(id()),
  favourites: optional(boolean()),
  minRating: optional(number({ int: true, min: 0, max: 5 })),
  status: optional(array(literal('pending', 'analysed', 'failed', 'missing'), { max: 4 })),
  ids: optional(ids(0)),
});
export type SampleQuery = Infer<typeof sampleQuery>;

const weights = object({
  timbre: number({ min: 0, max: 1 }),
  envelope: number({ min: 0, max: 1 }),
  pitch: number({ min: 0, max: 1 }),
});
export type AspectWeights = Infer<typeof weights>;

/** An external file dropped on the similar panel: its bytes, base64, analysed in a temp dir and never stored. */
const upload = object({
  name: string({ min: 1, max: 255 }),
  base64: string({ min: 4, max: 48 * 1024 * 1024 }),
});

const exportRequest = object({
  sampleIds: optional(ids(0)),
  groupIds: optional(array(id(), { max: 1000 })),
  categories: optional(array(category(), { max: 100 })),
  destination: string({ min: 1, max: 4096 }),
  layout: literal('group', 'category', 'flat'),
  template: optional(string({ min: 1, max: 300 })),
  mode: literal('copy', 'hardlink', 'symlink'),
});
export type ExportRequest = Infer<typeof exportRequest>;

const listRequest = object({
  query: sampleQuery,
  sortBy: optional(literal(...SORT_KEYS)),
  desc: optional(boolean()),
  offset: number({ int: true, min: 0, max: 10_000_000 }),
  limit: number({ int: true, min: 0, max: 5000 }),
});

const idsRequest = object({ query: sampleQuery, sortBy: optional(literal(...SORT_KEYS)), desc: optional(boolean()) });

const similarRequest = refine(object({
  sampleId: optional(id()),
  upload: optional(upload),
  k: number({ int: true, min: 1, max: 500 }),
  weights: optional(weights),
  filters: optional(object({
    categories: optional(array(category(), { max: 100 })),
    kinds: optional(array(literal('oneshot', 'loop'), { max: 2 })),
    durationMin: optional(number({ min: 0, max: 86400 })),
    durationMax: optional(number({ min: 0, max: 86400 })),
    /** MIDI range of the detected pitch; unpitched sounds drop out when either bound is set. */
    midiMin: optional(number({ int: true, min: 0, max: 127 })),
    midiMax: optional(number({ int: true, min: 0, max: 127 })),
  })),
}), (r) => ((r.sampleId === undefined) === (r.upload === undefined) ? 'give exactly one of sampleId or upload' : null));

const groupCreate = object({
  name: groupName(),
  sampleIds: optional(ids(0)),
  fromTag: optional(tagName()),
  fromCluster: optional(number({ int: true, min: 0, max: 100_000 })),
  fromCategory: optional(nullable(category())),
});


function call<Req, Res>(request: { parse(v: unknown, p?: string): Req }) {
  return { request, response: undefined as unknown as Res };
}

export const CALLS = {
  'library.status': call<Record<string, never>, LibraryStatusView>(object({})),
  'library.addFolder': call<{ path: string }, LibraryStatusView>(object({ path: string({ min: 1, max: 4096 }) })),
  'library.removeFolder': call<{ rootId: number }, LibraryStatusView>(object({ rootId: id() })),
  'library.rescan': call<Record<string, never>, LibraryStatusView>(object({})),
  'library.problems': call<Record<string, never>, { problems: ProblemView[]; failed: FailedView[] }>(object({})),
  'meta.categories': call<Record<string, never>, { categories: CategoryOption[] }>(object({})),

  'samples.list': call<Infer<typeof listRequest>, ListResult>(listRequest),
  'samples.ids': call<Infer<typeof idsRequest>, { ids: number[] }>(idsRequest),
  'samples.rows': call<{ ids: number[] }, { rows: SampleRow[] }>(object({ ids: ids(0) })),
  'samples.detail': call<{ id: number }, SampleDetailView>(object({ id: id() })),
  'samples.setRating': call<{ ids: number[]; rating: number }, { rows: SampleRow[] }>(object({ ids: ids(), rating: number({ int: true, min: 0, max: 5 }) })),
  'samples.setFavourite': call<{ ids: number[]; favourite: boolean }, { rows: SampleRow[] }>(object({ ids: ids(), favourite: boolean() })),

  'labels.set': call<{ ids: number[]; category: string }, { rows: SampleRow[] }>(object({ ids: ids(), category: category() })),
  'labels.accept': call<{ ids: number[] }, { rows: SampleRow[] }>(object({ ids: ids() })),
  'labels.clearUser': call<{ ids: number[] }, { rows: SampleRow[] }>(object({ ids: ids() })),
  'tags.add': call<{ ids: number[]; names: string[] }, { rows: SampleRow[] }>(object({ ids: ids(), names: array(tagName(), { min: 1, max: 50 }) })),
  'tags.remove': call<{ ids: number[]; names: string[] }, { rows: SampleRow[] }>(object({ ids: ids(), names: array(tagName(), { min: 1, max: 50 }) })),

  'similar.query': call<Infer<typeof similarRequest>, SimilarResult>(similarRequest),
  'map.points': call<Record<string, never>, MapPointsView>(object({})),
  'map.distances': call<{ id: number }, { ids: number[]; distance: number[] }>(object({ id: id() })),

  'groups.list': call<Record<string, never>, { groups: GroupView[] }>(object({})),
  'groups.create': call<Infer<typeof groupCreate>, GroupView>(groupCreate),
  'groups.rename': call<{ id: number; name: string }, GroupView>(object({ id: id(), name: groupName() })),
  'groups.remove': call<{ id: number }, { groups: GroupView[] }>(object({ id: id() })),
  'groups.reorder': call<{ ids: number[] }, { groups: GroupView[] }>(object({ ids: array(id(), { max: 10_000 }) })),
  'groups.addMembers': call<{ id: number; sampleIds: number[] }, GroupView>(object({ id: id(), sampleIds: ids() })),
  'groups.removeMembers': call<{ id: number; sampleIds: number[] }, GroupView>(object({ id: id(), sampleIds: ids() })),

  'duplicates.list': call<Record<string, never>, { sets: DuplicateSetView[] }>(object({})),
  'report.get': call<Record<string, never>, ReportView>(object({})),
  /** Personal similarity: where the head learnt from the user's labels stands; train it now; forget it. */
  'personalHead.status': call<Record<string, never>, PersonalHeadView>(object({})),
  'personalHead.train': call<Record<string, never>, PersonalHeadView>(object({})),
  'personalHead.reset': call<Record<string, never>, PersonalHeadView>(object({})),
  'export.preview': call<ExportRequest, ExportPlanView>(exportRequest),
  'export.run': call<ExportRequest, ExportResultView>(exportRequest),
} as const;

export type CallName = keyof typeof CALLS;
export type CallRequest<N extends CallName> = ReturnType<(typeof CALLS)[N]['request']['parse']>;
export type CallResponse<N extends CallName> = (typeof CALLS)[N]['response'];
export const CALL_NAMES = Object.keys(CALLS) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(CALLS, name);
}

/** Validates a request for `name`; throws ContractError with the offending field's path. */
export function parseRequest<N extends CallName>(name: N, payload: unknown): CallRequest<N> {
  return CALLS[name].request.parse(payload, '') as CallRequest<N>;
}
