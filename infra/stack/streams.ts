import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { WiringManifest } from '../../wiring/manifest';
import { DeadLetterQueue } from './dead-letter-queue';
import { addEventSourceMapping, type HandlerFunctions } from './functions';
import type { StageSettings } from './stage';

export interface StreamConsumersProps {
  settings: StageSettings;
  manifest: WiringManifest;
  functions: HandlerFunctions;
  table: dynamodb.ITable;
}

/**
 * One event source mapping on the table's stream per manifest stream consumer. Only the changes
 * (INSERT, MODIFY) of the consumer's entity types reach it; a failing batch is split to find the bad record, retried
 * ten times, then described in the consumer's on-failure queue (`<name>-dlq`).
 */
export class StreamConsumers extends Construct {
  constructor(scope: Construct, id: string, props: StreamConsumersProps) {
    super(scope, id);
    const { settings, manifest, functions, table } = props;
    for (const consumer of manifest.streamConsumers) {
      const failures = new DeadLetterQueue(this, `${consumer.name}-dlq`, {
        settings,
        name: `${consumer.name}-dlq`,
        holds: `descriptions of stream batches ${consumer.name} failed to process`,
        filledBy: "the stream event source mapping's on-failure destination",
      });
      addEventSourceMapping(
        functions.get(consumer.handler),
        new DynamoEventSource(table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          retryAttempts: 10,
          onFailure: new SqsDlq(failures.queue),
          filters: [
            lambda.FilterCriteria.filter({
              eventName: lambda.FilterRule.or(...consumer.changes),
              dynamodb: {
                NewImage: {
                  entityType: { S: lambda.FilterRule.or(...consumer.entityTypes) },
                },
              },
            }),
          ],
        }),
      );
    }
  }
}
