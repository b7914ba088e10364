import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where a key lives, one environment variable per key: `arn:…` on AWS (a KMS key or a Secrets
 * Manager secret), `file:///…` locally (a file under `.data/`). The scheme decides, so no adapter
 * guesses from which of two variables happens to be set.
 */
export const KEY_VARIABLES = {
  /** Signs opaque tokens: list cursors, survey and complaint links. */
  signing: 'SIGNING_KEY_REF',
  /** Wraps each customer's data key (KMS key; a raw AES key locally). */
  personalData: 'PERSONAL_DATA_KEY_REF',
  /** HMAC key of the blind indexes of email and phone. */
  blindIndex: 'BLIND_INDEX_KEY_REF',
} as const;

export type KeyVariable = (typeof KEY_VARIABLES)[keyof typeof KEY_VARIABLES];

export type KeyReference = { kind: 'arn'; arn: string } | { kind: 'file'; path: string };

/** The reference `variable` holds; a missing or unreadable one fails naming both forms. */
export const keyReference = (variable: KeyVariable): KeyReference => {
  const value = process.env[variable]?.trim();
  if (value?.startsWith('arn:')) return { kind: 'arn', arn: value };
  if (value?.startsWith('file://')) return { kind: 'file', path: fileURLToPath(value) };
  throw new Error(
    `${variable} must be an ARN (arn:…) or a file URL (file:///…)${value ? '' : ', and is not set'}`,
  );
};

/** The reference to a local key file, as `npm start` and the tests set it. */
export const fileKeyReference = (path: string): string => pathToFileURL(path).href;

/** The text of a local key file (no trailing newline). */
export const readKeyFile = (path: string): string => readFileSync(path, 'utf8').trim();

const fromSecretsManager = async (secretId: string): Promise<string> => {
  // Loaded only when a key is first needed, to keep the client off every function's cold start.
  const { SecretsManagerClient, GetSecretValueCommand } =
    await import('@aws-sdk/client-secrets-manager');
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  if (!SecretString) throw new Error(`the secret ${secretId} has no value`);
  return SecretString;
};

/**
 * Secret key material, read once per execution environment from where `variable` points: a
 * Secrets Manager secret (its string's bytes) or a local file (`fileEncoding` says how its text
 * is the key). A failed read is not cached, so the next call tries again.
 */
export const keyMaterial = (variable: KeyVariable, fileEncoding: 'utf8' | 'base64url') => {
  let cached: Promise<Buffer> | undefined;
  return (): Promise<Buffer> => {
    cached ??= (async () => {
      const reference = keyReference(variable);
      return reference.kind === 'arn'
        ? Buffer.from(await fromSecretsManager(reference.arn), 'utf8')
        : Buffer.from(readKeyFile(reference.path), fileEncoding);
    })();
    cached.catch(() => (cached = undefined));
    return cached;
  };
};
