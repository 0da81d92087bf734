import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Database } from '@leadflow/engine/db';
import type { PruneStepDataInput, PruneStepDataResult, StepRetentionActivities } from '@leadflow/engine/workflow';
import type { Kysely } from 'kysely';
import { pruneStepData } from './prune-step-data.js';

/** The retention workflow's activity, registered by every worker beside the node activities. */
export function createRetentionActivities(db: Kysely<Database>): StepRetentionActivities {
  return {
    pruneStepData: async ({ olderThanDays }: PruneStepDataInput): Promise<PruneStepDataResult> => {
      if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
        throw ApplicationFailure.nonRetryable(
          `olderThanDays must be a whole number of days, at least 1; got ${olderThanDays}`,
        );
      }
      const context = Context.current();
      return {
        pruned: await pruneStepData(db, olderThanDays, { afterBatch: (prunedSoFar) => context.heartbeat(prunedSoFar) }),
      };
    },
  };
}
