import { KEY_VARIABLES, keyMaterial } from './key-material';

/**
 * The key that signs opaque tokens (list cursors, survey and complaint links): a generated
 * Secrets Manager secret on AWS, a file under `.data/local-auth/` locally.
 */
export const signingKey: () => Promise<Buffer> = keyMaterial(KEY_VARIABLES.signing, 'utf8');
