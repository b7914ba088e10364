import type { Clock } from '../../domain/clock';
import type { DomainEvent } from '../../domain/events';
import type { IdSource } from '../../domain/ids';
import type { ActionStatus, ImprovementAction } from '../../domain/improvements/action';
import type { Training } from '../../domain/improvements/training';
import type { Page, PageRequest } from '../../domain/pagination';
import type { OrganizationRepository } from '../organization/ports';
import type { AggregateStore } from '../reports/ports';

export interface ActionQuery {
  status?: ActionStatus | undefined;
  ownerId?: string | undefined;
  department?: string | undefined;
  /** Only those past their due date, unfinished (escalated by the sweep). */
  overdue?: boolean | undefined;
}

export interface ImprovementActionRepository {
  /** Stores a new action with its event. */
  create(action: ImprovementAction, event: DomainEvent): Promise<void>;
  get(id: string): Promise<ImprovementAction | undefined>;
  /** Replaces `previous` by `next` if unchanged meanwhile, with its events. */
  save(previous: ImprovementAction, next: ImprovementAction, events: DomainEvent[]): Promise<void>;
  /** Ids of actions whose next checkpoint (reminder, escalation, evaluation) is at or before `until`. */
  dueIds(until: string, limit: number): Promise<string[]>;
  list(query: ActionQuery, page: PageRequest): Promise<Page<ImprovementAction>>;
}

export interface TrainingQuery {
  department?: string | undefined;
  trainerId?: string | undefined;
}

export interface TrainingRepository {
  create(training: Training, event: DomainEvent): Promise<void>;
  get(id: string): Promise<Training | undefined>;
  /** Replaces `previous` by `next` if unchanged meanwhile, with its events. */
  save(previous: Training, next: Training, events: DomainEvent[]): Promise<void>;
  /** Ids of trainings with a checkpoint falling due at or before `until`. */
  dueIds(until: string, limit: number): Promise<string[]>;
  /** A department's or a trainer's trainings, latest first. */
  list(query: TrainingQuery, page: PageRequest): Promise<Page<Training>>;
}

export interface ImprovementServiceDeps {
  actions: ImprovementActionRepository;
  trainings: TrainingRepository;
  organization: OrganizationRepository;
  aggregates: Pick<AggregateStore, 'readSlice'>;
  clock: Clock;
  ids: IdSource;
}
