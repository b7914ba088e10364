import type { Clock } from '../../../shared/domain/clock';
import type { DomainEvent } from '../../../shared/domain/events';
import type { IdSource } from '../../../shared/domain/ids';
import type { Page, PageRequest } from '../../../shared/domain/pagination';

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Ids in order (`ID0001`, `ID0002`…): sortable like ULIDs, readable in a failure. */
export class SequentialIds implements IdSource {
  private counter = 0;
  next(): string {
    this.counter += 1;
    return `ID${String(this.counter).padStart(4, '0')}`;
  }
}

/** The outbox: every event a fake repository committed, in write order. */
export class EventLog {
  readonly events: DomainEvent[] = [];
  add(events: readonly DomainEvent[]): void {
    this.events.push(...events);
  }
  types(): string[] {
    return this.events.map((event) => event.type);
  }
  ofType(type: string): DomainEvent[] {
    return this.events.filter((event) => event.type === type);
  }
}

/** A page of `items` from the position `after.index`, as the Dynamo adapters page by key. */
export const pageOf = <T>(items: readonly T[], page: PageRequest): Page<T> => {
  const start = typeof page.after?.index === 'number' ? page.after.index : 0;
  const slice = items.slice(start, start + page.limit);
  const end = start + slice.length;
  return { items: slice, ...(end < items.length ? { next: { index: end } } : {}) };
};

/** Stored copies, so that a service changing an object it got back changes nothing stored. */
export const copy = <T>(value: T): T => structuredClone(value);
