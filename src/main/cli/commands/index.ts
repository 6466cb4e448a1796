// Every CLI command, in the order `sonoteca --help` lists them.
import type { Command } from '../command.js';
import { addCommand } from './add.js';
import { scanCommand } from './scan.js';
import { watchCommand } from './watch.js';
import { statusCommand } from './status.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { exportCommand } from './export.js';
import { serveCommand } from './serve.js';
import { demoCommand } from './demo.js';

export const COMMANDS: readonly Command[] = [addCommand, scanCommand, watchCommand, statusCommand, listCommand, showCommand, exportCommand, serveCommand, demoCommand];
