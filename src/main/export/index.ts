// Public surface of the export engine: plan, run, CLI flags, and turning a library selection into items.
export * from './export-types.js';
export { planExport, describePlan, variantOf } from './plan-export.js';
export { runExport } from './run-export.js';
export type { RunExportOptions } from './run-export.js';
export { parseExportCliArgs, ExportCliError } from './export-cli-args.js';
export type { ExportCliRequest, ExportSelection } from './export-cli-args.js';
export { DEFAULT_TEMPLATES, TEMPLATE_TOKENS } from './name-template.js';
export { selectExportItems, noteToMidi } from './select-export-items.js';
