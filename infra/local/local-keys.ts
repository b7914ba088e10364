import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileKeyReference } from '../../shared/adapters/key-material';

/**
 * The local stand-ins for the KMS key that wraps customers' data keys and the blind-index secret:
 * random keys in files under `.data/keys/`, created on first start.
 */
export const localKeyFiles = (dataDir: string) => {
  const directory = join(dataDir, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const ensure = (name: string) => {
    const file = join(directory, name);
    if (!existsSync(file))
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    return file;
  };
  return {
    personalData: fileKeyReference(ensure('personal-data.key')),
    blindIndex: fileKeyReference(ensure('blind-index.key')),
  };
};
