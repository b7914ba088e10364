import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Customer, migrateCustomer } from '../../domain/customers/customer';
import type { PrivacyNotice } from '../../domain/customers/privacy-notice';
import type { Tombstone } from '../../domain/customers/erasure';
import type { Interaction } from '../../domain/customers/interaction';
import { DomainError } from '../../domain/errors';
import type { DomainEvent } from '../../domain/events';
import type { Page, PageRequest } from '../../domain/pagination';
import type { ContactKind, CustomerRepository } from '../../services/customers/ports';
import { documentClient, tableName } from './document-client';
import { noteAccess } from '../privacy/access-tracking';
import { blindIndex } from '../privacy/blind-index';
import { customerKeys } from '../privacy/customer-keys';
import { sealItem } from '../privacy/personal-fields';
import { fromItem } from './from-item';
import { interactionPut } from './interaction-put';
import { keys, withoutKeys } from './keys';
import { outboxPut } from './outbox';
import { readPrivacyNotices } from './privacy-notice-repository';
import { queryPage } from './query-page';
import { TransactionCancelled, transactWrite } from './transactions';

const CONTACT_KINDS: ContactKind[] = ['email', 'phone'];

const customerItem = (customer: Customer) =>
  sealItem(
    {
      ...keys.customer(customer.id),
      ...keys.customerList(customer.id),
      entityType: 'Customer',
      ...customer,
    },
    customer.id,
  );

const claimGuard = async (table: string, kind: ContactKind, value: string, customerId: string) => ({
  Put: {
    TableName: table,
    Item: {
      ...keys.contactGuard(kind, await blindIndex(kind, value)),
      entityType: 'ContactGuard',
      customerId,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  },
});

export const releaseGuard = async (
  table: string,
  kind: ContactKind,
  value: string,
  customerId: string,
) => ({
  Delete: {
    TableName: table,
    Key: keys.contactGuard(kind, await blindIndex(kind, value)),
    ConditionExpression: 'customerId = :customerId',
    ExpressionAttributeValues: { ':customerId': customerId },
  },
});

const duplicateContact = (kind: ContactKind, existingId: unknown) =>
  new DomainError('duplicate', `Another customer already has this ${kind}.`, {
    field: kind,
    existingId,
  });

/** Maps guard condition failures (by position in the transaction) to a domain `duplicate`. */
const rethrowDuplicates = (error: unknown, guardPositions: Map<number, ContactKind>): never => {
  if (error instanceof TransactionCancelled) {
    for (const [index, kind] of guardPositions) {
      const failed = error.failedCondition(index);
      if (failed) throw duplicateContact(kind, failed.item?.customerId);
    }
  }
  throw error;
};

export class DynamoCustomerRepository implements CustomerRepository {
  constructor(private readonly table: string = tableName()) {}

  async create(customer: Customer, event: DomainEvent): Promise<void> {
    const guards = new Map<number, ContactKind>();
    const dataKey = await customerKeys.create(customer.id, this.table);
    const items: object[] = [
      {
        Put: {
          TableName: this.table,
          Item: await customerItem(customer),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: dataKey.put },
    ];
    for (const kind of CONTACT_KINDS) {
      const value = customer[kind];
      if (!value) continue;
      guards.set(items.length, kind);
      items.push(await claimGuard(this.table, kind, value, customer.id));
    }
    items.push(outboxPut(this.table, event));
    await transactWrite({ TransactItems: items }).catch((error) => {
      customerKeys.forget(customer.id);
      return rethrowDuplicates(error, guards);
    });
  }

  async get(id: string): Promise<Customer | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: keys.customer(id), ConsistentRead: true }),
    );
    return Item ? migrateCustomer(await fromItem<Customer>(Item)) : undefined;
  }

  async findIdByContact(kind: ContactKind, value: string): Promise<string | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.contactGuard(kind, await blindIndex(kind, value)),
      }),
    );
    return typeof Item?.customerId === 'string' ? Item.customerId : undefined;
  }

  async update(previous: Customer, next: Customer, event: DomainEvent): Promise<void> {
    const guards = new Map<number, ContactKind>();
    const items: object[] = [
      {
        Put: {
          TableName: this.table,
          Item: await customerItem(next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': previous.version },
        },
      },
    ];
    for (const kind of CONTACT_KINDS) {
      const before = previous[kind];
      const after = next[kind];
      if (before === after) continue;
      if (before) items.push(await releaseGuard(this.table, kind, before, previous.id));
      if (after) {
        guards.set(items.length, kind);
        items.push(await claimGuard(this.table, kind, after, previous.id));
      }
    }
    items.push(outboxPut(this.table, event));
    await transactWrite({ TransactItems: items }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError('stale-version', 'The customer was changed since you last read it.');
      }
      return rethrowDuplicates(error, guards);
    });
  }

  list(page: PageRequest): Promise<Page<Customer>> {
    return queryPage<Customer>(
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': keys.customerList('').gsi1pk },
      },
      page,
      async (item) => migrateCustomer(await fromItem<Customer>(item)),
    );
  }

  privacyNotices(ids: readonly string[]): Promise<PrivacyNotice[]> {
    return readPrivacyNotices(ids, this.table);
  }

  async addInteraction(interaction: Interaction, event: DomainEvent): Promise<void> {
    await transactWrite({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: this.table,
            Key: keys.customer(interaction.customerId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        await interactionPut(this.table, interaction),
        outboxPut(this.table, event),
      ],
    }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError('not-found', `Customer ${interaction.customerId} does not exist.`);
      }
      throw error;
    });
  }

  async tombstoneOf(id: string): Promise<Tombstone | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: this.table,
        Key: keys.customerTombstone(id),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutKeys<Tombstone>(Item) : undefined;
  }

  async erase(customer: Customer, tombstone: Tombstone, event: DomainEvent): Promise<void> {
    const guards = await Promise.all(
      CONTACT_KINDS.flatMap((kind) => {
        const value = customer[kind];
        return value ? [releaseGuard(this.table, kind, value, customer.id)] : [];
      }),
    );
    await transactWrite({
      TransactItems: [
        {
          Delete: {
            TableName: this.table,
            Key: keys.customer(customer.id),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': customer.version },
          },
        },
        { Delete: customerKeys.shred(customer.id, this.table) },
        ...guards,
        {
          Put: {
            TableName: this.table,
            Item: {
              ...keys.customerTombstone(customer.id),
              entityType: 'CustomerTombstone',
              ...tombstone,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        outboxPut(this.table, event),
      ],
    }).catch((error) => {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError('stale-version', 'The customer was changed meanwhile; try again.');
      }
      throw error;
    });
    customerKeys.forget(customer.id);
    noteAccess(customer.id, 'change');
  }

  listInteractions(customerId: string, page: PageRequest): Promise<Page<Interaction>> {
    return queryPage<Interaction>(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.customer(customerId).pk,
          ':prefix': keys.interactionPrefix,
        },
      },
      page,
      fromItem,
    );
  }
}
