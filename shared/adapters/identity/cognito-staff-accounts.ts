import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffAccounts } from '../../services/organization/ports';

let client: CognitoIdentityProviderClient | undefined;
const cognito = () => (client ??= new CognitoIdentityProviderClient({}));

/**
 * Staff sign-in accounts as Cognito users whose username is the staff id. A new user gets
 * Cognito's invitation email (a temporary password, valid as long as the pool's
 * `tempPasswordValidity`); the email is marked verified, as the administrator vouches for it.
 */
export class CognitoStaffAccounts implements StaffAccounts {
  constructor(private readonly userPoolId: string) {}

  async provision(account: {
    staffId: string;
    email: string;
    name: string;
  }): Promise<'invited' | 'updated'> {
    const attributes = [
      { Name: 'email', Value: account.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: account.name },
    ];
    const existing = await this.find(account.staffId);
    if (!existing) {
      await cognito().send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: account.staffId,
          UserAttributes: attributes,
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      return 'invited';
    }
    await cognito().send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: this.userPoolId,
        Username: account.staffId,
        UserAttributes: attributes,
      }),
    );
    if (existing.Enabled === false) {
      await cognito().send(
        new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: account.staffId }),
      );
    }
    return 'updated';
  }

  async disable(staffId: string): Promise<'disabled' | 'absent'> {
    if (!(await this.find(staffId))) return 'absent';
    const user = { UserPoolId: this.userPoolId, Username: staffId };
    await cognito().send(new AdminDisableUserCommand(user));
    // Revokes the refresh tokens; access tokens already issued expire within their hour.
    await cognito().send(new AdminUserGlobalSignOutCommand(user));
    return 'disabled';
  }

  private async find(staffId: string) {
    try {
      return await cognito().send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: staffId }),
      );
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }
}
