import { BatchGetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Contribution } from '../../domain/reports/contributions';
import { SLICE_KINDS, type SliceKind, sliceAdditions } from '../../domain/reports/slices';
import type { Counters } from '../../domain/reports/figures';
import type { Period } from '../../domain/reports/periods';
import type { AggregateStore, PeriodCounters } from '../../services/reports/ports';
import { documentClient, tableName } from './document-client';
import { keys } from './keys';
import { claimOnce } from './claim-once';

/** A stream record is replayed within 24 hours at most; its marker outlives that comfortably. */
const MARKER_RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * Per-period counters in the table: one item per period and slice (`AGG#2026-Q4`, `ALL`,
 * `DEPARTMENT#logistics`…, `AGENT#li-na`), numbers added with `ADD`. Each source change is applied once: a
 * marker keyed by the stream record's id is written in the same transaction.
 */
export class DynamoAggregateStore implements AggregateStore {
  constructor(private readonly table: string = tableName()) {}

  async apply(changeId: string, contributions: Contribution[]): Promise<boolean> {
    const updates = sliceAdditions(contributions).map(({ period, slice, add }) => {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':type': 'Aggregate', ':period': period };
      const additions = Object.entries(add).map(([name, value], index) => {
        names[`#a${index}`] = name;
        values[`:a${index}`] = value;
        return `#a${index} :a${index}`;
      });
      return {
        Update: {
          TableName: this.table,
          Key: keys.aggregate(period, slice),
          UpdateExpression: `SET entityType = :type, period = :period ADD ${additions.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    });
    if (updates.length === 0) return false;
    return claimOnce(
      this.table,
      {
        ...keys.aggregateApplied(changeId),
        entityType: 'AggregateApplied',
        ttl: Math.floor(Date.now() / 1000) + MARKER_RETENTION_SECONDS,
      },
      updates,
    );
  }

  async readSlice(periods: Period[], slice: string): Promise<Counters[]> {
    const found = new Map<string, Counters>();
    let keysLeft: Record<string, unknown>[] = periods.map((period) =>
      keys.aggregate(period.name, slice),
    );
    while (keysLeft.length > 0) {
      const { Responses, UnprocessedKeys } = await documentClient().send(
        new BatchGetCommand({
          RequestItems: { [this.table]: { Keys: keysLeft, ConsistentRead: true } },
        }),
      );
      for (const item of Responses?.[this.table] ?? []) {
        const { pk, sk: _sk, entityType: _type, period: _period, ...counters } = item;
        found.set(String(pk), counters as Counters);
      }
      keysLeft = (UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
    }
    return periods.map((period) => found.get(keys.aggregate(period.name, slice).pk) ?? {});
  }

  async replace(period: Period, slice: string, counters: Counters): Promise<void> {
    await documentClient().send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.aggregate(period.name, slice),
          entityType: 'Aggregate',
          period: period.name,
          ...counters,
        },
      }),
    );
  }

  async read(period: Period, options: { withTerms?: boolean } = {}): Promise<PeriodCounters> {
    const result: PeriodCounters = {
      total: {},
      byDimension: Object.fromEntries(SLICE_KINDS.map((kind) => [kind, {}])) as Record<
        SliceKind,
        Record<string, Counters>
      >,
      termSlices: {},
    };
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: this.table,
          // Term items sort last (`TERMS#…`); figures alone stop before them.
          KeyConditionExpression: options.withTerms ? 'pk = :pk' : 'pk = :pk AND sk < :terms',
          ExpressionAttributeValues: {
            ':pk': keys.aggregate(period.name, '').pk,
            ...(options.withTerms ? {} : { ':terms': 'TERMS#' }),
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk, entityType: _type, period: _period, ...counters } = item;
        const slice = String(sk);
        if (slice === 'ALL') {
          result.total = counters as Counters;
          continue;
        }
        if (slice.startsWith('TERMS#')) {
          result.termSlices[slice] = counters as Counters;
          continue;
        }
        const separator = slice.indexOf('#');
        const dimension = slice.slice(0, separator).toLowerCase();
        if (separator > 0 && (SLICE_KINDS as readonly string[]).includes(dimension)) {
          result.byDimension[dimension as SliceKind][slice.slice(separator + 1)] =
            counters as Counters;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return result;
  }
}
