// Sound-intelligence services over a library: what the CLI, the UI host and the pipeline call.
export { classifyLibrary, predictSample, setUserLabel, writeCharacterTags, validCategories } from './classify.js';
export { FILENAME_REFERENCE_CONFIDENCE } from './library-references.js';
export type { ClassifyOptions, ClassifyReport, VectorChoice, LabelPrediction, NeighbourEvidence, RelabelResult } from './classify.js';
export { findSimilar, invalidateSimilar, noteToMidi, type SimilarFilters, type SimilarOptions, type SimilarHit, type SimilarResult } from './similar.js';
export { findDuplicates, type DuplicateGroup, type DuplicateMember, type DuplicateOptions, type DuplicateReport } from './duplicates.js';
export { clusterLibrary, type ClusterOptions, type ClusterResult, type ClusterInfo } from './clusters.js';
export { libraryMap, type MapOptions, type MapPoint, type MapResult } from './library-map.js';
export { libraryReport, type LibraryReport, type ReportOptions } from './quality-report.js';
export { exportEmbeddings, npyBytes, type EmbeddingExportOptions, type EmbeddingExportResult, type ExportFormat } from './embeddings-export.js';
export { importLabels, exportLabels, parseCsv, type LabelImportResult, type CsvProblem } from './labels-csv.js';
export { loadBuiltinReferenceSets } from './builtin-references.js';
export { CLASSIFY_WEIGHTS, SIMILAR_WEIGHTS, type AspectWeights } from './library-vectors.js';
export { ensureEmbeddings, embeddingsPath, sharedEmbedder, type LibraryEmbeddings } from './embedding-store.js';
