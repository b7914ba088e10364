/** Region and credentials the local emulators accept; nothing here reaches AWS. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_ACCOUNT = '000000000000';

export const LOCAL_NAMES = {
  table: 'kefu-local',
  idempotencyTable: 'kefu-local-idempotency',
  eventBus: 'kefu-local',
} as const;
