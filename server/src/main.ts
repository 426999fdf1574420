/**
 * `npm start`: read the environment, build the app, listen, and close gracefully on SIGINT/SIGTERM
 * (running probes are aborted and store what they saw; the database is closed). A configuration
 * error prints what is wrong and exits with status 2, without a stack trace.
 */
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`wxprobe server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      process.stderr.write(`wxprobe server: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'closing');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`wxprobe server: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  // One plain line on stdout that people and scripts can read (logs are JSON lines).
  process.stdout.write(`wxprobe server listening on ${address} (database: ${databaseName(config)})\n`);
}

/** What the start line says about the database: never the password of a connection string. */
function databaseName(config: ServerConfig): string {
  if (!config.databaseUrl) return config.dbPath;
  try {
    const url = new URL(config.databaseUrl);
    const host = url.hostname || url.searchParams.get('host') || 'local socket';
    return `PostgreSQL ${url.pathname.replace(/^\//, '') || '(default)'} on ${host}, probe queue${config.localProbe ? ', working the local vantage' : ''}`;
  } catch {
    return 'PostgreSQL';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`wxprobe server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
