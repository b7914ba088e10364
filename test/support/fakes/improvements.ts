import { DomainError } from '../../../shared/domain/errors';
import type { DomainEvent } from '../../../shared/domain/events';
import {
  type ImprovementAction,
  isOpenAction,
  nextActionCheckpoint,
} from '../../../shared/domain/improvements/action';
import type { Page, PageRequest } from '../../../shared/domain/pagination';
import type { Counters } from '../../../shared/domain/reports/figures';
import type { Period } from '../../../shared/domain/reports/periods';
import {
  nextTrainingCheckpoint,
  type Training,
} from '../../../shared/domain/improvements/training';
import type {
  ActionQuery,
  ImprovementActionRepository,
  ImprovementServiceDeps,
  TrainingQuery,
  TrainingRepository,
} from '../../../shared/services/improvements/ports';
import { complaintWorld, WORLD_START } from './complaint-world';
import { copy, EventLog, pageOf } from './basics';

/** Improvement actions in memory, with the Dynamo adapter's version condition. */
export class InMemoryActions implements ImprovementActionRepository {
  readonly actions = new Map<string, ImprovementAction>();
  /** Before each save: a test may let another writer in. */
  beforeSave: ((next: ImprovementAction) => void) | undefined;

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async create(action: ImprovementAction, event: DomainEvent): Promise<void> {
    this.actions.set(action.id, copy(action));
    this.outbox.add([copy(event)]);
  }

  async get(id: string) {
    const found = this.actions.get(id);
    return found && copy(found);
  }

  async save(previous: ImprovementAction, next: ImprovementAction, events: DomainEvent[]) {
    this.beforeSave?.(next);
    if (this.actions.get(previous.id)?.version !== previous.version) {
      throw new DomainError('stale-version', 'The action was changed meanwhile; read it again.');
    }
    this.actions.set(next.id, copy(next));
    this.outbox.add(copy(events));
  }

  async dueIds(until: string, limit: number) {
    return [...this.actions.values()]
      .filter((action) => (nextActionCheckpoint(action) ?? '~') <= until)
      .slice(0, limit)
      .map((action) => action.id);
  }

  async list(query: ActionQuery, page: PageRequest): Promise<Page<ImprovementAction>> {
    const matching = [...this.actions.values()]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .filter((a) => query.status === undefined || a.status === query.status)
      .filter((a) => query.ownerId === undefined || a.ownerId === query.ownerId)
      .filter((a) => query.department === undefined || a.department === query.department)
      .filter((a) => !query.overdue || (isOpenAction(a) && a.escalatedAt !== undefined));
    return pageOf(matching.map(copy), page);
  }
}

/** Trainings in memory, with the Dynamo adapter's version condition. */
export class InMemoryTrainings implements TrainingRepository {
  readonly trainings = new Map<string, Training>();

  constructor(readonly outbox: EventLog = new EventLog()) {}

  async create(training: Training, event: DomainEvent): Promise<void> {
    this.trainings.set(training.id, copy(training));
    this.outbox.add([copy(event)]);
  }

  async get(id: string) {
    const found = this.trainings.get(id);
    return found && copy(found);
  }

  async save(previous: Training, next: Training, events: DomainEvent[]) {
    if (this.trainings.get(previous.id)?.version !== previous.version) {
      throw new DomainError('stale-version', 'The training was changed meanwhile; read it again.');
    }
    this.trainings.set(next.id, copy(next));
    this.outbox.add(copy(events));
  }

  async dueIds(until: string, limit: number) {
    return [...this.trainings.values()]
      .filter((training) => (nextTrainingCheckpoint(training) ?? '~') <= until)
      .slice(0, limit)
      .map((training) => training.id);
  }

  async list(query: TrainingQuery, page: PageRequest): Promise<Page<Training>> {
    const matching = [...this.trainings.values()]
      .filter((t) => query.trainerId === undefined || t.trainerId === query.trainerId)
      .filter((t) => query.department === undefined || t.department === query.department);
    return pageOf(matching.map(copy), page);
  }
}

/** Daily counters by `<day>|<slice>`, as the aggregate store keeps them. */
export class InMemoryDailyCounters {
  readonly items = new Map<string, Counters>();
  reads = 0;

  add(day: string, slice: string, counters: Counters): void {
    const item = this.items.get(`${day}|${slice}`) ?? {};
    for (const [name, value] of Object.entries(counters)) item[name] = (item[name] ?? 0) + value;
    this.items.set(`${day}|${slice}`, item);
  }

  async readSlice(periods: Period[], slice: string): Promise<Counters[]> {
    if (periods.length > 100) throw new Error('BatchGetItem takes 100 keys at most');
    this.reads++;
    return periods.map((period) => ({ ...this.items.get(`${period.name}|${slice}`) }));
  }
}

/** The improvement services' ports in memory, sharing the complaint world's clock and outbox. */
export const improvementWorld = (start: string = WORLD_START) => {
  const base = complaintWorld(start);
  const actions = new InMemoryActions(base.outbox);
  const aggregates = new InMemoryDailyCounters();
  const trainings = new InMemoryTrainings(base.outbox);
  const deps: ImprovementServiceDeps = {
    actions,
    trainings,
    aggregates,
    organization: base.organization,
    clock: base.clock,
    ids: base.ids,
  };
  return { ...base, deps, actions, trainings, aggregates };
};
