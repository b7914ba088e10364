import { createServer } from 'node:net';
import { LocalStartupError } from './startup-error';

export const LOCALHOST = '127.0.0.1';

export interface LocalPorts {
  api: number;
  dynamodb: number;
  sqs: number;
  ses: number;
  events: number;
}

export const DEFAULT_PORTS: LocalPorts = {
  api: 3000,
  dynamodb: 8000,
  sqs: 4566,
  ses: 8005,
  events: 4010,
};

/** Fails with a one-line reason when a port is taken, before anything starts on it. */
export const assertPortFree = (port: number, component: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new LocalStartupError(
          error.code === 'EADDRINUSE'
            ? `port ${port} (${component}) is already in use; stop what uses it or set another port (see README)`
            : `cannot listen on port ${port} (${component}): ${error.message}`,
        ),
      ),
    );
    probe.listen(port, LOCALHOST, () => probe.close(() => resolve()));
  });

/** A port the OS says is free now (for tests, which start the stack on free ports). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOCALHOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** One free port for each component of the local stack. */
export const freeStackPorts = async () => ({
  api: await freePort(),
  dynamodb: await freePort(),
  sqs: await freePort(),
  ses: await freePort(),
  events: await freePort(),
});
