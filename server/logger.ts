/** The server's one logger: pino, writing JSON lines to standard output. */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level: string): Logger {
	return pino({ level, base: { service: 'tandem' } });
}
