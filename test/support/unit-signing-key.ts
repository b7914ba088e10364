import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeyReference, KEY_VARIABLES } from '../../shared/adapters/key-material';

/** Points the signing key at a file of `key` (as `npm start` does), for unit tests that sign. */
export const useUnitSigningKey = (key = 'unit-test-key'): void => {
  const file = join(mkdtempSync(join(tmpdir(), 'kefu-signing-')), 'signing-key.txt');
  writeFileSync(file, key, { mode: 0o600 });
  process.env[KEY_VARIABLES.signing] = fileKeyReference(file);
};
