import { readFileSync } from 'node:fs';

const fromSecretsManager = async (secretId: string): Promise<Buffer> => {
  // Loaded only when a key is first needed, to keep the client off every function's cold start.
  const { SecretsManagerClient, GetSecretValueCommand } =
    await import('@aws-sdk/client-secrets-manager');
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  if (!SecretString) throw new Error(`the secret ${secretId} has no value`);
  return Buffer.from(SecretString, 'utf8');
};

/**
 * Secret key material, read once per execution environment: on AWS from a Secrets Manager secret
 * (`<secretVariable>` holds its ARN), locally from a file under `.data/` (`<fileVariable>`).
 */
export const keyMaterial = (fileVariable: string, secretVariable: string) => {
  let cached: Promise<Buffer> | undefined;
  return (): Promise<Buffer> => {
    cached ??= (async () => {
      const file = process.env[fileVariable];
      if (file) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
      const secretId = process.env[secretVariable];
      if (!secretId) throw new Error(`neither ${fileVariable} nor ${secretVariable} is set`);
      return fromSecretsManager(secretId);
    })();
    cached.catch(() => (cached = undefined));
    return cached;
  };
};
