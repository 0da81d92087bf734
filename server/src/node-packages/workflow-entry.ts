import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogModulePath } from '@leadflow/nodes';
import { LEADFLOW_ROOT } from './load-node-package.js';

/**
 * Writes the workflow bundle's entry for the built-in catalog plus node packages' definition
 * modules: `@leadflow/nodes/workflows` with more definitions. The sandbox cannot import at run
 * time, so the list is fixed here, before webpack bundles it. Named by its content, so workers
 * started with the same packages share one file. It lives in Leadflow's node_modules/.cache (where
 * tools keep generated files), since the bundler resolves the SDK's own modules from beside it.
 */
export async function writeWorkflowEntry(packageModules: readonly string[]): Promise<string> {
  const engineWorkflow = fileURLToPath(import.meta.resolve('@leadflow/engine/workflow'));
  const lines = [
    '// Written by Leadflow at start: the lead workflow with the node packages of LEADFLOW_NODE_PACKAGES.',
    `import { createLeadWorkflow } from ${JSON.stringify(engineWorkflow)};`,
    `import { nodeDefinitions as builtIn } from ${JSON.stringify(catalogModulePath)};`,
    ...packageModules.map(
      (file, index) => `import { nodeDefinitions as package${index} } from ${JSON.stringify(file)};`,
    ),
    `export const leadWorkflow = createLeadWorkflow([...builtIn, ${packageModules.map((_, index) => `...package${index}`).join(', ')}]);`,
    `export { pruneStepDataWorkflow } from ${JSON.stringify(engineWorkflow)};`,
    '',
  ];
  const source = lines.join('\n');
  const folder = path.join(
    LEADFLOW_ROOT,
    'node_modules',
    '.cache',
    'leadflow-workflow-entries',
    createHash('sha256').update(source).digest('hex').slice(0, 16),
  );
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'workflows.js');
  // Written whole or not at all: another worker may be reading it.
  await writeFile(`${file}.${process.pid}`, source);
  await rename(`${file}.${process.pid}`, file);
  return file;
}
