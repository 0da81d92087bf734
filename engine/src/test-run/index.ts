/** What a designer test run takes and answers; the server runs it on the lead workflow itself (TestRuns). */
export type { ScriptedEvent, TestRunOutcome, TestRunResult, TestRunStep } from './test-run-result.js';
