import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ToolOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs one of the `npm run` tools (`infra/local/tools/<name>.ts`) as a child process. tsx on this
 * very Node rather than `npx tsx`: npm may add its own warnings to stderr, and the `node` on PATH
 * may be older than the one the scripts run on.
 */
export const runTool = (
  tool: string,
  args: string[],
  env: Record<string, string>,
  timeout = 60_000,
): Promise<ToolOutcome> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `infra/local/tools/${tool}.ts`, ...args],
      { cwd: repositoryRoot, env: { ...process.env, ...env }, timeout },
      (error, stdout, stderr) =>
        resolve({
          exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        }),
    );
  });
