// The library store's public surface: open a library file and use its repositories.
export { openLibraryDb, LibraryDb, type OpenOptions } from './library-db.js';
export { LibraryVersionError, LibraryOpenError } from './errors.js';
export type { Root } from './roots-repo.js';
export { RootsRepo } from './roots-repo.js';
export {
  SamplesRepo,
  type IndexEntry,
  type IndexBatchResult,
  type SampleStat,
  type AnalysisCandidate,
  type AnalysisData,
  type DerivedValues,
  type StatExpectation,
  type SampleQuery,
  type SampleOrder,
  type SampleCounts,
  type SampleFacets,
  type FacetCount,
} from './samples-repo.js';
export { TagsRepo, normaliseTagName } from './tags-repo.js';
export { LabelsRepo, type Label } from './labels-repo.js';
export { GroupsRepo, type Group } from './groups-repo.js';
export { ProblemsRepo, type StoredProblem } from './problems-repo.js';
export { SettingsRepo } from './settings-repo.js';
export { EmbeddingsRepo, type StoredEmbeddings, type EmbeddingCandidate } from './embeddings-repo.js';
export type { IntegrityReport } from './maintenance.js';
export { toFtsQuery } from './fts-query.js';
export { float32ToBuffer, bufferToFloat32 } from './typed-blob.js';
export { MIGRATIONS } from './migrations/index.js';
