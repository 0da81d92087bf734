import type { AnyNodeDefinition } from '@leadflow/engine';
import { assign } from './assign/definition.js';
import { assignV2 } from './assign/definition-v2.js';
import { branch } from './branch/definition.js';
import { capture } from './capture/definition.js';
import { end } from './end/definition.js';
import { enrich } from './enrich/definition.js';
import { notify } from './notify/definition.js';
import { score } from './score/definition.js';
import { task } from './task/definition.js';
import { wait } from './wait/definition.js';

/**
 * Every node type this library ships (sandbox-safe definitions). Adding a node type: a folder,
 * one line here, and for an activity node one line in `activities.ts`.
 */
export const nodeDefinitions: readonly AnyNodeDefinition[] = [capture, enrich, score, branch, assign, assignV2, wait, notify, task, end];
