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

/**
 * Kefu's data at rest: the single table (with its stream), the idempotency table and the secret
 * that signs list cursors, all encrypted with one customer-managed, rotating KMS key. Outside the
 * `dev` stage everything here is retained on stack deletion and protected against deletion.
 */
export class DataStores extends Construct {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;
  readonly signingSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const { stage, retainData, removalPolicy } = settings;

    this.key = new kms.Key(this, 'Key', {
      description: `Kefu ${stage}: customer data at rest (tables, stream, signing secret)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(retainData ? 30 : 7),
      removalPolicy,
    });

    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: retainData,
      removalPolicy,
    } satisfies Partial<dynamodb.TableProps>;

    this.table = new dynamodb.Table(this, 'Table', {
      ...common,
      partitionKey: stringKey(TABLE_DESIGN.partitionKey),
      sortKey: stringKey(TABLE_DESIGN.sortKey),
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

    this.signingSecret = new secretsmanager.Secret(this, 'CursorSigningSecret', {
      description: `Kefu ${stage}: HMAC key that makes list cursors tamper-evident`,
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(
      this.signingSecret,
      'AwsSolutions-SMG4',
      'The secret is an HMAC key for short-lived, opaque list cursors, not a credential to ' +
        'another system. Rotating it only invalidates cursors in flight; Secrets Manager has no ' +
        'hosted rotation for generic keys, so it is rotated by putting a new value when needed.',
    );
  }
}
