let cached: Promise<Buffer> | undefined;

const fromSecretsManager = async (secretId: string): Promise<Buffer> => {
  // Loaded only when a signed cursor is first needed, to keep it off every function's cold start.
  const { SecretsManagerClient, GetSecretValueCommand } =
    await import('@aws-sdk/client-secrets-manager');
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  if (!SecretString) throw new Error('the signing secret has no value');
  return Buffer.from(SecretString, 'utf8');
};

/**
 * The key that signs opaque tokens (list cursors). Locally it comes from the environment; on AWS
 * from a generated Secrets Manager secret, read once per execution environment.
 */
export const signingKey = (): Promise<Buffer> => {
  cached ??= (async () => {
    const local = process.env.SIGNING_KEY;
    if (local) return Buffer.from(local, 'utf8');
    const secretId = process.env.SIGNING_SECRET_ARN;
    if (!secretId) throw new Error('neither SIGNING_KEY nor SIGNING_SECRET_ARN is set');
    return fromSecretsManager(secretId);
  })();
  cached.catch(() => (cached = undefined));
  return cached;
};
