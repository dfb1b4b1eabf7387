// Every message id at run time, the account page's included, for sites and tools that translate
// or check their overrides. Its own entry point (cognito-auth-elements/messages.js), not the
// drop-in file's API: listing the account page's keys there would put them in every page's first
// download, which the account page keeps out (en-account.ts).
import { en, type MessageKey } from './en.js';
import { enAccount } from './en-account.js';

export type { MessageKey } from './en.js';

/** Every message id, in the catalogues' order. */
export const messageKeys = [...Object.keys(en), ...Object.keys(enAccount)] as MessageKey[];
