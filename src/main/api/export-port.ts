// What the API needs from the export engine (src/main/export); the host passes an adapter when it is present.
import type { ExportRequest } from '../../shared/contract/calls.js';
import type { ExportPlanView, ExportResultView } from '../../shared/contract/views.js';

export interface ExportPort {
  preview(req: ExportRequest): Promise<ExportPlanView> | ExportPlanView;
  run(req: ExportRequest, onProgress: (p: { done: number; total: number; current?: string }) => void): Promise<ExportResultView>;
}
