/** Node-only: what a designer test run takes and answers. */
export type { ScriptedEvent, TestRunOutcome, TestRunResult, TestRunStep } from './test-run-result.js';
export { runPlanDry, type TestRunInput } from './run-plan-dry.js';
