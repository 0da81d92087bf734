/** Node-only: runs a plan for a sample lead without side effects (the designer's test run). */
export { runPlanDry, type ScriptedEvent, type TestRunInput, type TestRunOutcome, type TestRunResult, type TestRunStep } from './run-plan-dry.js';
