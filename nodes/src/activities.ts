/** Node-only: the I/O halves of the activity nodes. Never imported by workflow code. */
import type { NodeActivity } from '@leadflow/engine/worker';
import { assignActivity } from './assign/activity.js';
import { assignV2Activity } from './assign/activity-v2.js';
import { enrichActivity } from './enrich/activity.js';
import { enrichV2Activity } from './enrich/activity-v2.js';
import { httpActivity } from './http/activity.js';
import { notifyActivity } from './notify/activity.js';
import { notifyV2Activity } from './notify/activity-v2.js';
import { scoreActivity } from './score/activity.js';
import { scoreV2Activity } from './score/activity-v2.js';
import { taskActivity } from './task/activity.js';

export const nodeActivities: readonly NodeActivity[] = [
  enrichActivity,
  enrichV2Activity,
  scoreActivity,
  scoreV2Activity,
  assignActivity,
  assignV2Activity,
  httpActivity,
  notifyActivity,
  notifyV2Activity,
  taskActivity,
];
