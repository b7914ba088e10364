import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fileKeyReference,
  KEY_VARIABLES,
  keyMaterial,
  keyReference,
} from '../../../shared/adapters/key-material';

afterEach(() => vi.unstubAllEnvs());

const keyFile = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'kefu-key-')), 'key.txt');
  writeFileSync(file, text);
  return file;
};

describe('key references', () => {
  it('read an ARN as the cloud key and a file URL as the local one', () => {
    vi.stubEnv(KEY_VARIABLES.personalData, 'arn:aws:kms:cn-north-1:123456789012:key/abc');
    expect(keyReference(KEY_VARIABLES.personalData)).toEqual({
      kind: 'arn',
      arn: 'arn:aws:kms:cn-north-1:123456789012:key/abc',
    });
    const file = keyFile('x');
    vi.stubEnv(KEY_VARIABLES.personalData, fileKeyReference(file));
    expect(keyReference(KEY_VARIABLES.personalData)).toEqual({ kind: 'file', path: file });
  });

  it('refuse a missing or schemeless value, naming the variable and both forms', () => {
    vi.stubEnv(KEY_VARIABLES.signing, undefined);
    expect(() => keyReference(KEY_VARIABLES.signing)).toThrow(
      'SIGNING_KEY_REF must be an ARN (arn:…) or a file URL (file:///…), and is not set',
    );
    vi.stubEnv(KEY_VARIABLES.signing, '/work/.data/local-auth/signing-key.txt');
    expect(() => keyReference(KEY_VARIABLES.signing)).toThrow(/^SIGNING_KEY_REF must be/);
  });

  it('give the file key decoded as told, read once, and retry after a failed read', async () => {
    const material = keyMaterial(KEY_VARIABLES.blindIndex, 'base64url');
    vi.stubEnv(KEY_VARIABLES.blindIndex, 'nonsense');
    await expect(material()).rejects.toThrow(/BLIND_INDEX_KEY_REF/);
    vi.stubEnv(KEY_VARIABLES.blindIndex, fileKeyReference(keyFile('AAEC\n')));
    expect([...(await material())]).toEqual([0, 1, 2]);
    vi.stubEnv(KEY_VARIABLES.blindIndex, fileKeyReference(keyFile('BBBB')));
    expect([...(await material())]).toEqual([0, 1, 2]);
  });
});
