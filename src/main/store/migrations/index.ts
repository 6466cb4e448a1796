// Every schema migration in order. Append new ones here; never edit or reorder released ones.
import type { Migration } from './migration.js';
import { initialSchema } from './0001-initial.js';
import { embeddingsSchema } from './0002-embeddings.js';
import { labelsBySourceIndex } from './0003-labels-by-source.js';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [initialSchema, embeddingsSchema, labelsBySourceIndex];
