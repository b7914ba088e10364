import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; never log personal data, only ids (see docs/ARCHITECTURE.md). */
export const logger = new Logger({ serviceName: 'kefu' });
