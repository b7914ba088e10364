/**
 * How long staff tokens live, for the staff app client in CDK and the local issuer alike: short
 * access tokens (a disabled account's last token dies within them), refresh for a shift.
 */
export const STAFF_ACCESS_TOKEN_MINUTES = 15;
export const STAFF_REFRESH_TOKEN_HOURS = 12;
