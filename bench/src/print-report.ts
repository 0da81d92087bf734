#!/usr/bin/env node
/** Prints the markdown tables of a saved run again: `node bench/dist/print-report.js bench/results/<time>.json`. */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { type BenchResults, findSaturation, markdownReport } from './report.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: print-report <results.json>');
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
// Runs saved before a field existed get what can be derived.
for (const figure of results.speedToLead) figure.cores ??= results.machine.cores ?? cpus().length;
results.saturation = [...new Set(results.speedToLead.map((f) => f.target))].map((target) =>
  findSaturation(results.speedToLead, target),
);
console.log(markdownReport(results));
