import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The one way Kefu imports zod (`import * as z from '.../shared/zod'`): the tree-shakable
 * `zod/mini` build, since classic `zod` adds ~450 kB to every Lambda bundle, with English
 * messages, which mini does not load on its own.
 */
config(en());

export * from 'zod/mini';
