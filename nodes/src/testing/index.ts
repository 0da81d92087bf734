/**
 * Test servers that speak real protocols, for node tests here and full-stack tests in `test/`
 * (as `@leadflow/nodes/testing`). Never imported by production code.
 */
export { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink.js';
