// The hosted UI's part loaded on first use (a button clicked, a callback arrived): starting a
// sign-in and completing one. cognito-client.ts loads it; nothing imports it statically.
export { startHostedSignIn } from './start-sign-in.js';
export { completeHostedSignIn } from './complete-sign-in.js';
