import { type Operation, SCOPES, type Scope, wiring } from '../../wiring/manifest';

/** Every scope there is; a token with all of them passes every scope check. */
export const ALL_SCOPES: Scope[] = Object.values(SCOPES);

/** Routes behind the JWT authorizer (the public survey pages and openapi.json have no scopes). */
export const protectedRoutes: readonly Operation[] = wiring.routes.filter(
  (route) => route.scopes.length > 0,
);

/** Routes that change something (a DELETE too, though it takes no body). */
export const isWrite = (route: Operation): boolean => route.method !== 'GET';

/** Routes whose operation takes a request body. */
export const takesBody = (route: Operation): boolean => route.body !== undefined;

/** The route's path as a regular expression over a request's path (before decoding). */
export const routePattern = (route: Operation): RegExp =>
  new RegExp(
    `^${route.path
      .split('/')
      .map((segment) =>
        /^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
      )
      .join('/')}$`,
  );

/** Plausible values for every path parameter of the manifest (ULIDs nobody has used). */
export const PLAUSIBLE_PARAMETERS: Record<string, string> = {
  customerId: '01KZ0000000000000000000C01',
  complaintId: '01KZ0000000000000000000K01',
  revisitId: '01KZ0000000000000000000R01',
  campaignId: '01KZ0000000000000000000A01',
  surveyId: '01KZ0000000000000000000501',
  departmentId: 'logistics',
  staffId: 'probe-staff-1',
  calendarId: 'default',
  token: 'a'.repeat(40),
  webhookId: '01KZ0000000000000000000W01',
  actionId: '01KZ0000000000000000000M01',
  trainingId: '01KZ0000000000000000000T01',
  noticeId: 'probe-notice',
  version: '1',
};

/** The names of a route's path parameters, in order: `/customers/{customerId}` → customerId. */
export const parametersOf = (route: Operation): string[] =>
  [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/** A concrete path: each parameter from `values`, else its plausible value; URL-encoded. */
export const pathOf = (route: Operation, values: Record<string, string> = {}): string =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? PLAUSIBLE_PARAMETERS[name];
    if (value === undefined) throw new Error(`no plausible value for {${name}} of ${route.path}`);
    return encodeURIComponent(value);
  });

/** Runs `work` over `items`, at most `width` at a time, keeping the order of the results. */
export const inParallel = async <T, R>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
};
