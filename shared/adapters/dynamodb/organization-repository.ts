import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../domain/errors';
import type { CalendarSettings } from '../../domain/calendar/business-calendar';
import type { RoutingRule } from '../../domain/complaints/routing';
import type { SlaPolicy } from '../../domain/complaints/sla';
import type { ReportSettings } from '../../domain/reports/settings';
import type { SurveySettings } from '../../domain/surveys/settings';
import {
  type LegacyRevisitPolicy,
  migrateRevisitPolicy,
  type RevisitPolicy,
} from '../../domain/revisits/policy';
import type { Department } from '../../domain/organization/department';
import type { StaffMember } from '../../domain/organization/staff';
import type { OrganizationRepository, Versioned } from '../../services/organization/ports';
import type { DomainEvent } from '../../domain/events';
import { documentClient, tableName } from './document-client';
import { keys, withoutKeys } from './keys';
import { outboxPut } from './outbox';
import { TransactionCancelled, transactWrite } from './transactions';

/** Writes `item` only if the stored version is still `previousVersion` (0: not stored yet). */
const putVersioned = async (
  table: string,
  item: Record<string, unknown>,
  previousVersion: number,
) => {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: table,
        Item: item,
        ...(previousVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :previous',
              ExpressionAttributeValues: { ':previous': previousVersion },
            }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new DomainError(
        'stale-version',
        'It was changed by someone else meanwhile; read it again.',
      );
    }
    throw error;
  }
};

/** Reads every page of a small index partition (departments, a department's staff). */
const queryAll = async <T>(table: string, gsi1pk: string): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => withoutKeys<T>(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

export class DynamoOrganizationRepository implements OrganizationRepository {
  constructor(private readonly table: string = tableName()) {}

  private async getItem<T>(key: Record<string, string>): Promise<T | undefined> {
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item ? withoutKeys<T>(Item) : undefined;
  }

  getDepartment(id: string): Promise<Department | undefined> {
    return this.getItem<Department>(keys.department(id));
  }

  putDepartment(department: Department): Promise<void> {
    return putVersioned(
      this.table,
      {
        ...keys.department(department.id),
        ...keys.departmentList(department.id),
        entityType: 'Department',
        ...department,
      },
      department.version - 1,
    );
  }

  listDepartments(): Promise<Department[]> {
    return queryAll<Department>(this.table, keys.departmentList('').gsi1pk);
  }

  getStaffMember(id: string): Promise<StaffMember | undefined> {
    return this.getItem<StaffMember>(keys.staffMember(id));
  }

  async putStaffMember(member: StaffMember, audit: DomainEvent): Promise<void> {
    const previousVersion = member.version - 1;
    try {
      await transactWrite({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: {
                ...keys.staffMember(member.id),
                ...keys.staffOfDepartment(member.department, member.id),
                entityType: 'StaffMember',
                ...member,
              },
              ...(previousVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: 'version = :previous',
                    ExpressionAttributeValues: { ':previous': previousVersion },
                  }),
            },
          },
          outboxPut(this.table, audit),
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedCondition(0)) {
        throw new DomainError(
          'stale-version',
          'It was changed by someone else meanwhile; read it again.',
        );
      }
      throw error;
    }
  }

  listStaff(department: string): Promise<StaffMember[]> {
    return queryAll<StaffMember>(this.table, keys.staffOfDepartment(department, '').gsi1pk);
  }

  /** Versioned settings documents (routing rules, SLA and revisit policies, calendars). */
  private async getSetting<T>(key: { pk: string; sk: string }): Promise<Versioned<T> | undefined> {
    const item = await this.getItem<{ value: T; version: number }>(key);
    return item ? { value: item.value, version: item.version } : undefined;
  }

  private putSetting<T>(
    key: { pk: string; sk: string },
    value: T,
    version: number,
    updatedAt: string,
  ): Promise<void> {
    return putVersioned(
      this.table,
      { ...key, entityType: 'Setting', value, version, updatedAt },
      version - 1,
    );
  }

  getRoutingRules(): Promise<Versioned<RoutingRule[]> | undefined> {
    return this.getSetting(keys.routingRules());
  }

  putRoutingRules(rules: RoutingRule[], version: number, updatedAt: string): Promise<void> {
    return this.putSetting(keys.routingRules(), rules, version, updatedAt);
  }

  getSlaPolicies(): Promise<Versioned<SlaPolicy[]> | undefined> {
    return this.getSetting(keys.slaPolicies());
  }

  putSlaPolicies(policies: SlaPolicy[], version: number, updatedAt: string): Promise<void> {
    return this.putSetting(keys.slaPolicies(), policies, version, updatedAt);
  }

  /** Stored policies, read migrated: one stored before windows has its delay as the deadline. */
  async getRevisitPolicies(): Promise<Versioned<RevisitPolicy[]> | undefined> {
    const stored = await this.getSetting<(RevisitPolicy | LegacyRevisitPolicy)[]>(
      keys.revisitPolicies(),
    );
    return stored && { ...stored, value: stored.value.map(migrateRevisitPolicy) };
  }

  putRevisitPolicies(policies: RevisitPolicy[], version: number, updatedAt: string): Promise<void> {
    return this.putSetting(keys.revisitPolicies(), policies, version, updatedAt);
  }

  getReportSettings(): Promise<Versioned<ReportSettings> | undefined> {
    return this.getSetting(keys.reportSettings());
  }

  putReportSettings(settings: ReportSettings, version: number, updatedAt: string): Promise<void> {
    return this.putSetting(keys.reportSettings(), settings, version, updatedAt);
  }

  getSurveySettings(): Promise<Versioned<SurveySettings> | undefined> {
    return this.getSetting(keys.surveySettings());
  }

  putSurveySettings(settings: SurveySettings, version: number, updatedAt: string): Promise<void> {
    return this.putSetting(keys.surveySettings(), settings, version, updatedAt);
  }

  getCalendar(id: string): Promise<Versioned<CalendarSettings> | undefined> {
    return this.getSetting(keys.calendar(id));
  }

  putCalendar(
    id: string,
    settings: CalendarSettings,
    version: number,
    updatedAt: string,
  ): Promise<void> {
    return this.putSetting(keys.calendar(id), settings, version, updatedAt);
  }
}
