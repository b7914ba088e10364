import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

let client: S3Client | undefined;

/** Reads a stored object (raw inbound mail). Locally the emulator wants path-style URLs. */
export const readObject = async (bucket: string, key: string): Promise<Buffer> => {
  client ??= new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
  const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error(`object ${key} has no body`);
  return Buffer.from(await Body.transformToByteArray());
};

/** S3 event notifications carry object keys URL-encoded, with spaces as '+'. */
export const objectKeyOf = (record: { s3: { object: { key: string } } }): string =>
  decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
