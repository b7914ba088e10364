import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { nextDueAt, type Survey } from '../../domain/surveys/survey';
import type { CounterChange, SurveyChange, SurveyRepository } from '../../services/surveys/ports';
import { documentClient, tableName } from './document-client';
import { claimOnce, putNew } from './claim-once';
import { dueIdsInIndex } from './due-index';
import { interactionPut } from './interaction-put';
import { sealItem } from '../privacy/personal-fields';
import { fromItem } from './from-item';
import { keys } from './keys';
import { outboxPut } from './outbox';
import { queryPage } from './query-page';
import { TransactionCancelled, transactWrite } from './transactions';

const surveyItem = (survey: Survey) =>
  sealItem(
    {
      ...keys.survey(survey.id),
      ...keys.surveyIndexes({ ...survey, nextDueAt: nextDueAt(survey) }),
      entityType: 'Survey',
      ...survey,
    },
    survey.customerId,
  );

/** `ADD counters.sent :n, counters.skipped.#reason :one` on the campaign, in the same write. */
export const counterUpdate = (table: string, change: CounterChange) => {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const additions = Object.entries(change.add)
    .filter(([, by]) => by !== undefined && by !== 0)
    .map(([field, by], index) => {
      names[`#c${index}`] = field;
      values[`:c${index}`] = by;
      return `counters.#c${index} :c${index}`;
    });
  if (change.skipped) {
    names['#reason'] = change.skipped;
    values[':skipped'] = 1;
    additions.push('counters.skipped.#reason :skipped');
  }
  return {
    Update: {
      TableName: table,
      Key: keys.campaign(change.campaignId),
      UpdateExpression: `ADD ${additions.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
};

const changeItems = async (table: string, change: SurveyChange) => [
  ...(await Promise.all(
    (change.interactions ?? []).map((interaction) => interactionPut(table, interaction)),
  )),
  ...(change.events ?? []).map((event) => outboxPut(table, event)),
  ...(change.counters ? [counterUpdate(table, change.counters)] : []),
];

export class DynamoSurveyRepository implements SurveyRepository {
  constructor(private readonly table: string = tableName()) {}

  async plan(survey: Survey, planKey: string, change: SurveyChange = {}): Promise<boolean> {
    return claimOnce(
      this.table,
      { ...keys.surveyPlan(planKey), entityType: 'SurveyPlan', surveyId: survey.id },
      [putNew(this.table, await surveyItem(survey)), ...(await changeItems(this.table, change))],
    );
  }

  async get(id: string): Promise<Survey | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.survey(id), ConsistentRead: true }),
    );
    return Item ? fromItem<Survey>(Item) : undefined;
  }

  async save(previous: Survey, next: Survey, change: SurveyChange = {}): Promise<void> {
    await transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: this.table,
            Item: await surveyItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': previous.version },
          },
        },
        ...(await changeItems(this.table, change)),
      ],
    }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError('stale-version', 'The survey was changed meanwhile; read it again.');
      }
      throw error;
    });
  }

  dueIds(until: string, limit: number): Promise<string[]> {
    return dueIdsInIndex(this.table, 'SURVEY_DUE', until, limit);
  }

  listForCustomer(customerId: string, page: PageRequest): Promise<Page<Survey>> {
    return queryPage<Survey>(
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `CUSTOMER_SURVEYS#${customerId}` },
      },
      page,
      fromItem,
    );
  }

  async lastSurveyedAt(customerId: string): Promise<string | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.surveySlot(customerId),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.lastSentAt === 'string' ? Item.lastSentAt : undefined;
  }

  async claimSurveySlot(
    customerId: string,
    surveyId: string,
    at: string,
    cutoff: string,
  ): Promise<boolean> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.surveySlot(customerId),
          UpdateExpression: 'SET lastSentAt = :at, surveyId = :survey, entityType = :type',
          ConditionExpression:
            'attribute_not_exists(pk) OR lastSentAt <= :cutoff OR surveyId = :survey',
          ExpressionAttributeValues: {
            ':at': at,
            ':survey': surveyId,
            ':cutoff': cutoff,
            ':type': 'SurveySlot',
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
