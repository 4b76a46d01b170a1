/**
 * The server process: reads the config, starts the server and stops it gracefully on SIGINT or
 * SIGTERM, storing every pending change before it exits.
 */
import { AuthSetupError } from './auth';
import { ConfigError, describeConfig, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './start';

async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig(process.env, process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		process.stderr.write(`Invalid configuration: ${error.message}\n`);
		process.exit(2);
	}
	const logger = createLogger(config.logLevel);
	logger.info({ config: describeConfig(config) }, 'configuration');

	process.on('unhandledRejection', (reason) => {
		logger.fatal({ err: reason }, 'unhandled promise rejection');
		process.exit(1);
	});

	let server;
	try {
		server = await startServer(config, logger);
	} catch (error) {
		if (error instanceof AuthSetupError) {
			process.stderr.write(`Tandem did not start: ${error.message}\n`);
			process.exit(2);
		}
		logger.fatal({ err: error }, 'server failed to start');
		process.exit(1);
	}
	const data =
		config.databaseUrl !== ''
			? 'Postgres'
			: config.storage === 'memory'
				? 'memory'
				: describeConfig(config).dataDir;
	process.stderr.write(`Tandem is running at ${server.url} (data: ${data})\n`);
	if (server.adminUrl) {
		process.stderr.write(
			`A secret was generated in the data folder. Admin link, shown only this once:\n${server.adminUrl}\n`
		);
	}

	const stop = (signal: NodeJS.Signals) => {
		logger.info({ signal }, 'server stopping');
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				logger.fatal({ err: error }, 'server failed to stop cleanly');
				process.exit(1);
			}
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`Tandem failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
