import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { logger, withLogContext } from '../../shared/adapters/logger';
import { shapeStaffToken } from '../../shared/identity/pre-token-generation';
import { organizationDeps } from './organization-deps';

/**
 * Cognito's pre-token-generation trigger (V2 event), for every staff sign-in and refresh: the
 * /staff record decides the token's staff id, role, department and scopes. The local runtime
 * issues its staff tokens through this same handler.
 */
export const handler = withLogContext(
  async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const member = await organizationDeps().organization.getStaffMember(event.userName);
    try {
      const shaped = shapeStaffToken(event, member);
      logger.info('staff token shaped', {
        staffId: event.userName,
        triggerSource: event.triggerSource,
      });
      return shaped;
    } catch (error) {
      logger.warn('staff token refused', {
        staffId: event.userName,
        triggerSource: event.triggerSource,
        reason: (error as Error).message,
      });
      throw error;
    }
  },
);
