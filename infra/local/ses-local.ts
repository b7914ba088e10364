import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';

// The package is CommonJS with `exports.default`; ESM sees that object as its default export.
const startSesServer =
  (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;

export interface SesLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** aws-ses-v2-local: accepts SES v1/v2 sends; its page lists every email sent. */
export const startSesLocal = async (port: number): Promise<SesLocal> => {
  const server: Server = await startSesServer({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
