// The single UI/core contract: calls, events, views and the schema helpers behind their validation.
export * from './schema.js';
export * from './calls.js';
export * from './events.js';
export * from './views.js';
export * from './api.js';
