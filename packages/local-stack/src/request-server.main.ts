/**
 * A request server of `npm start` (see request-servers.ts): told its orders over IPC by the
 * process that started it, and gone when that process is.
 */
import { createLogger, onShutdown, startTracing } from '@crm/platform';
import { REQUEST_SERVER_READY, type RequestServerOrder } from './request-servers';
import { startRequestServer } from './start-local-stack';

const logger = createLogger('request-server');
const tracing = startTracing({ serviceName: 'crm' });

// The starting process is gone (stopped, or killed outright): nothing is left to serve for.
process.once('disconnect', () => process.exit(0));

process.once('message', (order: RequestServerOrder) => {
  startRequestServer(order.options).then(
    (server) => {
      onShutdown(logger, async () => {
        await server.stop();
        await tracing.shutdown();
      });
      process.send?.(REQUEST_SERVER_READY);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'request server failed to start');
      process.send?.({ error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
});
