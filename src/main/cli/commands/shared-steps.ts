// Steps several commands share: reporting an index pass and running analysis with a progress bar.
import type { Library } from '../../core/library.js';
import type { IndexReport } from '../../scan/index-root.js';
import type { AnalyseReport } from '../../pipeline/analyse-library.js';
import type { Output } from '../output.js';

export function printIndexReports(out: Output, reports: IndexReport[]): void {
  for (const r of reports) {
    out.info(`${r.root}: ${r.added} new, ${r.changed} changed, ${r.unchanged} unchanged, ${r.restored} back, ${r.missing} missing` +
      (r.walk.skippedNonAudio ? `, ${r.walk.skippedNonAudio} non-audio skipped` : ''));
    for (const p of r.problems) out.warn(p.message);
  }
}

export async function runAnalysis(library: Library, out: Output, signal: AbortSignal, workers?: number): Promise<AnalyseReport> {
  const off = library.events.on('progress', (e) => out.progress(e));
  const offWarn = library.events.on('warning', (w) => out.warn(w.message));
  const offLabels = library.events.on('classified', (r) => out.info(`labelled ${r.classified} sounds (${r.vectors}), ${r.unknown} unknown`));
  try {
    const report = await library.analyse({ signal, workers });
    out.endProgress();
    const rate = report.seconds > 0 ? (report.analysed + report.failed) / report.seconds : 0;
    out.info(`analysed ${report.analysed}, failed ${report.failed}${report.relinked ? `, relinked ${report.relinked} moved files` : ''} in ${report.seconds.toFixed(1)} s (${rate.toFixed(0)} files/s)`);
    if (signal.aborted) out.info('stopped: everything analysed so far is saved; run `sonoteca scan` to continue');
    return report;
  } finally {
    off();
    offWarn();
    offLabels();
  }
}
