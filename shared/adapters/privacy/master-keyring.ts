import type { KeyringNode } from '@aws-crypto/client-node';
import { KEY_VARIABLES, keyReference, readKeyFile } from '../key-material';

type EncryptionSdk = typeof import('@aws-crypto/client-node');

/**
 * The Encryption SDK is loaded on the first wrap or unwrap, not at module init: it is a third of
 * a bundle's start-up work, and most invocations find the customer's key in the cache or need
 * none (configuration, reports, schedules).
 */
let sdk: Promise<EncryptionSdk> | undefined;
const encryptionSdk = () => (sdk ??= import('@aws-crypto/client-node'));

let keyring: KeyringNode | undefined;
let client: ReturnType<EncryptionSdk['buildClient']> | undefined;

const loaded = async () => {
  const encryption = await encryptionSdk();
  client ??= encryption.buildClient(encryption.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  return { encryption, client, keyring: masterKeyring(encryption) };
};

/**
 * The keyring that wraps customers' data keys: the KMS key in AWS, a raw AES key from a file under
 * `.data/` locally (`PERSONAL_DATA_KEY_REF` says which). Both go through the AWS
 * Encryption SDK, so the local runtime exercises the same code path.
 */
const masterKeyring = ({
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
}: EncryptionSdk): KeyringNode => {
  if (keyring) return keyring;
  const reference = keyReference(KEY_VARIABLES.personalData);
  keyring =
    reference.kind === 'arn'
      ? new KmsKeyringNode({ generatorKeyId: reference.arn })
      : new RawAesKeyringNode({
          keyNamespace: 'kefu-local',
          keyName: 'personal-data',
          // The SDK wants a buffer of its own, not a view into Node's shared pool.
          unencryptedMasterKey: new Uint8Array(
            Buffer.from(readKeyFile(reference.path), 'base64url'),
          ),
          wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
        });
  return keyring;
};

const CUSTOMER_DATA_KEY = 'kefu-customer-data-key';

/**
 * Envelope-encrypts a small secret (one KMS call in AWS) bound to an encryption context: a value
 * wrapped for one purpose or owner does not unwrap as another's.
 */
export const wrapSecret = async (
  context: Readonly<Record<string, string>>,
  plaintext: Buffer,
): Promise<string> => {
  const { encryption, client, keyring } = await loaded();
  const { result } = await client.encrypt(keyring, plaintext, {
    encryptionContext: { ...context },
    // Writers and readers are the same trusted functions: a signature adds bytes and time, not safety.
    suiteId: encryption.AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
  });
  return result.toString('base64');
};

/** Unwraps a secret; one wrapped under any other context (purpose, owner, id) is refused. */
export const unwrapSecret = async (
  context: Readonly<Record<string, string>>,
  wrapped: string,
): Promise<Buffer> => {
  const { client, keyring } = await loaded();
  const { plaintext, messageHeader } = await client.decrypt(
    keyring,
    Buffer.from(wrapped, 'base64'),
  );
  const stored = messageHeader.encryptionContext;
  const mismatch = Object.entries(context).some(([name, value]) => stored[name] !== value);
  if (mismatch) throw new Error(`the ${context.purpose} was wrapped for another owner`);
  return plaintext;
};

/** Envelope-encrypts a customer's data key (one KMS call in AWS), bound to that customer. */
export const wrapDataKey = (customerId: string, dataKey: Buffer): Promise<string> =>
  wrapSecret({ purpose: CUSTOMER_DATA_KEY, customerId }, dataKey);

/** Unwraps a customer's data key; a key wrapped for another customer is refused. */
export const unwrapDataKey = (customerId: string, wrapped: string): Promise<Buffer> =>
  unwrapSecret({ purpose: CUSTOMER_DATA_KEY, customerId }, wrapped);
