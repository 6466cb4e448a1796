// Errors a handler throws on purpose, with the code the UI uses to tell bad input from a core failure.
import type { WireError } from '../../shared/contract/api.js';
import { ContractError } from '../../shared/contract/schema.js';

export class ApiError extends Error {
  constructor(readonly code: WireError['code'], message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toWireError(err: unknown): WireError {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  if (err instanceof ContractError) return { code: 'bad-request', message: `invalid request: ${err.message}` };
  return { code: 'internal', message: (err as Error)?.message ?? String(err) };
}
