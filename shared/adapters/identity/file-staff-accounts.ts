import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StaffAccounts } from '../../services/organization/ports';

/** One local sign-in account, as the local token issuer reads it (infra/local/local-issuer.ts). */
export interface LocalAccount {
  /** A UUID, as a Cognito user's `sub` is. */
  sub: string;
  email: string;
  name: string;
  enabled: boolean;
  /** Whether the account was ever signed out everywhere (its refresh tokens revoked). */
  signedOutAt?: string;
}

export type LocalAccounts = Record<string, LocalAccount>;

export const readLocalAccounts = (file: string): LocalAccounts =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalAccounts) : {};

/**
 * The local runtime's stand-in for the Cognito user pool: accounts kept in one JSON file under
 * `.data/`, written whole through a rename so a reader never sees half a file. The local runtime
 * runs every handler in one process, one request at a time per account, so no lock is needed.
 */
export class FileStaffAccounts implements StaffAccounts {
  constructor(private readonly file: string) {}

  async provision(account: {
    staffId: string;
    email: string;
    name: string;
  }): Promise<'invited' | 'updated'> {
    const accounts = readLocalAccounts(this.file);
    const existing = accounts[account.staffId];
    accounts[account.staffId] = {
      ...existing,
      sub: existing?.sub ?? randomUUID(),
      email: account.email,
      name: account.name,
      enabled: true,
    };
    this.write(accounts);
    return existing ? 'updated' : 'invited';
  }

  async disable(staffId: string): Promise<'disabled' | 'absent'> {
    const accounts = readLocalAccounts(this.file);
    const existing = accounts[staffId];
    if (!existing) return 'absent';
    accounts[staffId] = { ...existing, enabled: false, signedOutAt: new Date().toISOString() };
    this.write(accounts);
    return 'disabled';
  }

  private write(accounts: LocalAccounts) {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(accounts, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
