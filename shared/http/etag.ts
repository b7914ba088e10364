import { problems } from './problem';

/** Versions are surfaced as strong ETags: `"v3"`. */
export const etagOf = (version: number): string => `"v${version}"`;

/** Reads `If-Match`; 428 when absent, 412 when it names no version we could have issued. */
export const versionFromIfMatch = (header: string | undefined): number => {
  if (header === undefined || header.trim() === '') throw problems.preconditionRequired();
  const match = /^\s*"v(\d{1,9})"\s*$/.exec(header);
  if (!match?.[1]) {
    throw problems.preconditionFailed(
      'If-Match must be the ETag of a version you read, e.g. "v3".',
    );
  }
  return Number(match[1]);
};
