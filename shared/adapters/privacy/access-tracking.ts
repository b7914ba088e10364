import { AsyncLocalStorage } from 'node:async_hooks';

export interface PersonalDataAccess {
  read: Set<string>;
  change: Set<string>;
}

const current = new AsyncLocalStorage<PersonalDataAccess>();

/**
 * Runs `work` noting whose personal data it opened or sealed, so that the access log records
 * what a request really touched rather than what a route says it might.
 */
export const trackPersonalDataAccess = async <T>(
  work: () => Promise<T>,
): Promise<{ result: T; access: PersonalDataAccess }> => {
  const access: PersonalDataAccess = { read: new Set(), change: new Set() };
  const result = await current.run(access, work);
  return { result, access };
};

export const noteAccess = (customerId: string, kind: keyof PersonalDataAccess): void => {
  current.getStore()?.[kind].add(customerId);
};
