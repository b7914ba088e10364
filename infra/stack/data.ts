import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  IDEMPOTENCY_TABLE_DESIGN,
  TABLE_DESIGN,
} from '../../shared/adapters/dynamodb/table-design';
import { acknowledge } from './nag';
import type { StageSettings } from './stage';

const stringKey = (name: string): dynamodb.Attribute => ({
  name,
  type: dynamodb.AttributeType.STRING,
});

/** `alias/kefu-<stage>-personal-data`: the key the functions' Encryption SDK keyring names. */
export const personalDataKeyAlias = (stage: string): string => `alias/kefu-${stage}-personal-data`;

/**
 * Kefu's data at rest: the single table (with its stream), the idempotency table, the secret
 * that signs list cursors and the one that keys the blind indexes, all encrypted with one
 * customer-managed, rotating KMS key; and a second rotating key, for personal data only, that
 * wraps each customer's own data key (AWS Encryption SDK, KMS keyring). Outside the `dev` stage
 * everything here is retained on stack deletion and protected against deletion.
 */
export class DataStores extends Construct {
  readonly key: kms.Key;
  /** Wraps the per-customer data keys that encrypt personal fields (`PERSONAL_DATA_KEY_REF`). */
  readonly personalDataKey: kms.Key;
  readonly table: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;
  readonly signingSecret: secretsmanager.Secret;
  /** HMAC key of the blind indexes of email and phone (`BLIND_INDEX_KEY_REF`). */
  readonly blindIndexSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const { stage, retainData, removalPolicy } = settings;

    this.key = new kms.Key(this, 'Key', {
      description: `Kefu ${stage}: customer data at rest (tables, stream, secrets)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(retainData ? 30 : 7),
      removalPolicy,
    });

    this.personalDataKey = new kms.Key(this, 'PersonalDataKey', {
      description:
        `Kefu ${stage}: wraps each customer's data key (AWS Encryption SDK); erasing a ` +
        'customer deletes their wrapped key from the table, which shreds their personal data',
      enableKeyRotation: true,
      pendingWindow: Duration.days(retainData ? 30 : 7),
      removalPolicy,
    });
    new kms.Alias(this, 'PersonalDataKeyAlias', {
      aliasName: personalDataKeyAlias(stage),
      targetKey: this.personalDataKey,
      removalPolicy,
    });

    // Point-in-time recovery with a deliberately short window (`pointInTimeRecoveryDays`: 1 day
    // in dev, 7 elsewhere; DynamoDB's default is 35). Erasing a customer is crypto-shredding:
    // their personal fields stay in the table, encrypted under their own data key, and erasure
    // deletes that key's item. A restore to a moment before the erasure would bring the key
    // back and with it the customer's readable personal data, so the window is also the longest
    // time an erased customer can be resurrected by a restore, and no other backups are kept
    // (no AWS Backup plan, no on-demand backups). TTL deletes expired items in both tables.
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: settings.pointInTimeRecoveryDays,
      },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: retainData,
      removalPolicy,
    } satisfies Partial<dynamodb.TableProps>;

    this.table = new dynamodb.Table(this, 'Table', {
      ...common,
      partitionKey: stringKey(TABLE_DESIGN.partitionKey),
      sortKey: stringKey(TABLE_DESIGN.sortKey),
      // The same attribute the local runtime enables TTL on (infra/local/dynamodb-local.ts).
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
    for (const index of TABLE_DESIGN.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...common,
      partitionKey: stringKey(IDEMPOTENCY_TABLE_DESIGN.partitionKey),
      timeToLiveAttribute: IDEMPOTENCY_TABLE_DESIGN.ttlAttribute,
    });
    const noBackupPlan =
      `Backups beyond point-in-time recovery (${settings.pointInTimeRecoveryDays} days here) ` +
      'are left out on purpose: erasing a customer deletes their data key from the table ' +
      '(crypto-shredding), and a backup kept longer would hold that key and restore the ' +
      "customer's personal data after the erasure.";
    acknowledge(this.table, 'NIST.800.53.R5-DynamoDBInBackupPlan', noBackupPlan);
    acknowledge(
      this.idempotencyTable,
      'NIST.800.53.R5-DynamoDBInBackupPlan',
      `${noBackupPlan} Idempotency records (stored responses, 24 h TTL) would carry the same ` +
        'personal data, and are worthless once expired.',
    );

    this.signingSecret = new secretsmanager.Secret(this, 'CursorSigningSecret', {
      description: `Kefu ${stage}: HMAC key that makes list cursors tamper-evident`,
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(
      this.signingSecret,
      ['AwsSolutions-SMG4', 'NIST.800.53.R5-SecretsManagerRotationEnabled'],
      'The secret is an HMAC key for short-lived, opaque list cursors, not a credential to ' +
        'another system. Rotating it only invalidates cursors in flight; Secrets Manager has no ' +
        'hosted rotation for generic keys, so it is rotated by putting a new value when needed.',
    );

    this.blindIndexSecret = new secretsmanager.Secret(this, 'BlindIndexSecret', {
      description:
        `Kefu ${stage}: HMAC key of the blind indexes of customers' email addresses and ` +
        'phone numbers (exact lookups without storing the values in keys)',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(
      this.blindIndexSecret,
      ['AwsSolutions-SMG4', 'NIST.800.53.R5-SecretsManagerRotationEnabled'],
      'The secret is the HMAC key of the email and phone blind indexes stored in the table, not ' +
        'a credential to another system. A new value would orphan every stored index (lookups ' +
        'and uniqueness guards would miss existing customers), so it is rotated only together ' +
        'with a re-indexing of all customers, never on an automatic schedule.',
    );
  }
}
