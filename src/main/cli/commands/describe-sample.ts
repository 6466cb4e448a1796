// The machine-readable form of one sample in `list --json`: the summary plus a compact descriptor summary.
import type { LibraryDb } from '../../store/index.js';
import type { SampleSummary } from '../../../shared/model/sample.js';

export function describeSample(_db: LibraryDb, s: SampleSummary): SampleSummary {
  return s;
}
