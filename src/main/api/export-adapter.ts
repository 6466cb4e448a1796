// Binds the contract's export calls to the export engine (src/main/export): selection → items → plan → run.
import type { LibraryDb } from '../store/index.js';
import { ExportError, planExport, runExport, selectExportItems, type ExportPlan } from '../export/index.js';
import type { ExportRequest } from '../../shared/contract/calls.js';
import type { ExportPort } from './export-port.js';
import { ApiError } from './api-error.js';

export function createExportPort(db: LibraryDb): ExportPort {
  const plan = (req: ExportRequest): ExportPlan => {
    const groups = (req.groupIds ?? []).map((id) => {
      const g = db.groups.list().find((x) => x.id === id);
      if (!g) throw new ApiError('not-found', `no group with id ${id}`);
      return g.name;
    });
    const items = selectExportItems(db, { groups, categories: req.categories ?? [], query: null, ids: req.sampleIds ?? [] });
    if (!items.length) throw new ApiError('bad-request', 'nothing to export: the selection is empty');
    try {
      return planExport(items, { destination: req.destination, layout: req.layout, mode: req.mode, ...(req.template ? { template: req.template } : {}) });
    } catch (err) {
      if (err instanceof ExportError) throw new ApiError('bad-request', err.message);
      throw err;
    }
  };
  return {
    preview(req) {
      const p = plan(req);
      return {
        items: p.files.map((f) => ({ sampleId: f.item.sampleId, from: f.item.sourcePath, to: f.action === 'skip-existing' ? `${f.relPath} (already exported)` : f.relPath })),
        warnings: p.warnings,
      };
    },
    async run(req, onProgress) {
      const p = plan(req);
      const summary = await runExport(p, { onProgress });
      return { written: summary.files, skipped: summary.skipped, errors: summary.errors.map((e) => ({ path: e.source, message: e.message })), destination: p.destination };
    },
  };
}
