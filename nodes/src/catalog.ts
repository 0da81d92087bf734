import type { AnyNodeDefinition } from '@leadflow/engine';
import { assign } from './assign/definition.js';
import { assignV2 } from './assign/definition-v2.js';
import { branch } from './branch/definition.js';
import { capture } from './capture/definition.js';
import { captureV2 } from './capture/definition-v2.js';
import { disqualify } from './disqualify/definition.js';
import { end } from './end/definition.js';
import { enrich } from './enrich/definition.js';
import { enrichV2 } from './enrich/definition-v2.js';
import { httpNode } from './http/definition.js';
import { notify } from './notify/definition.js';
import { notifyV2 } from './notify/definition-v2.js';
import { recycle } from './recycle/definition.js';
import { score } from './score/definition.js';
import { scoreV2 } from './score/definition-v2.js';
import { split } from './split/definition.js';
import { task } from './task/definition.js';
import { update } from './update/definition.js';
import { wait } from './wait/definition.js';
import { waitV2 } from './wait/definition-v2.js';

/**
 * Every node type this library ships (sandbox-safe definitions). Adding a node type: a folder,
 * one line here, and for an activity node one line in `activities.ts`.
 */
export const nodeDefinitions: readonly AnyNodeDefinition[] = [
  capture,
  captureV2,
  enrich,
  enrichV2,
  score,
  scoreV2,
  branch,
  split,
  assign,
  assignV2,
  update,
  httpNode,
  wait,
  waitV2,
  notify,
  notifyV2,
  task,
  recycle,
  disqualify,
  end,
];
