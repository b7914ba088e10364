import { readFileSync } from 'node:fs';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  type KeyringNode,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';

const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

let keyring: KeyringNode | undefined;

/**
 * The keyring that wraps customers' data keys: the KMS key in AWS (`PERSONAL_DATA_KEY_ARN`), a raw
 * AES key from a file under `.data/` locally (`PERSONAL_DATA_KEY_FILE`). Both go through the AWS
 * Encryption SDK, so the local runtime exercises the same code path.
 */
const masterKeyring = (): KeyringNode => {
  if (keyring) return keyring;
  const keyArn = process.env.PERSONAL_DATA_KEY_ARN;
  const keyFile = process.env.PERSONAL_DATA_KEY_FILE;
  if (keyArn) {
    keyring = new KmsKeyringNode({ generatorKeyId: keyArn });
  } else if (keyFile) {
    keyring = new RawAesKeyringNode({
      keyNamespace: 'kefu-local',
      keyName: 'personal-data',
      // The SDK wants a buffer of its own, not a view into Node's shared pool.
      unencryptedMasterKey: new Uint8Array(
        Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64url'),
      ),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });
  } else {
    throw new Error('neither PERSONAL_DATA_KEY_ARN nor PERSONAL_DATA_KEY_FILE is set');
  }
  return keyring;
};

const PURPOSE = 'kefu-customer-data-key';

/** Envelope-encrypts a customer's data key (one KMS call in AWS), bound to that customer. */
export const wrapDataKey = async (customerId: string, dataKey: Buffer): Promise<string> => {
  const { result } = await encrypt(masterKeyring(), dataKey, {
    encryptionContext: { purpose: PURPOSE, customerId },
    // Writers and readers are the same trusted functions: a signature adds bytes and time, not safety.
    suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
  });
  return result.toString('base64');
};

/** Unwraps a customer's data key; a key wrapped for another customer is refused. */
export const unwrapDataKey = async (customerId: string, wrapped: string): Promise<Buffer> => {
  const { plaintext, messageHeader } = await decrypt(
    masterKeyring(),
    Buffer.from(wrapped, 'base64'),
  );
  const context = messageHeader.encryptionContext;
  if (context.purpose !== PURPOSE || context.customerId !== customerId) {
    throw new Error(`the data key stored for customer ${customerId} was wrapped for another`);
  }
  return plaintext;
};
