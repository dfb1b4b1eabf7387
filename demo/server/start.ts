// `npm start`: the demo with the local pool on its documented ports, users kept in
// .local-pool-data/pool.json so they survive a restart. PORT and POOL_PORT move the ports, MFA sets
// the pool's MFA, METHODS its sign-in methods (passwordless.html).
import { fileURLToPath } from 'node:url';
import type { FirstAuthFactor } from '../../local-pool/index.js';
import { PortInUseError, startDemo } from './demo-server.js';
import { firstFactorsFor } from './sign-in-methods.js';

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name}=${value} is not a port number (0-65535).`);
    process.exit(1);
  }
  return port;
}

function mfaFromEnv(): 'OFF' | 'OPTIONAL' | 'ON' {
  const value = (process.env.MFA ?? 'OFF').toUpperCase();
  if (value === 'OFF' || value === 'OPTIONAL' || value === 'ON') return value;
  console.error(`MFA=${process.env.MFA} is not one of OFF, OPTIONAL, ON.`);
  process.exit(1);
}

/** METHODS=passkey,email,sms,password: the pool's first auth factors; unset, Cognito's default (password). */
function methodsFromEnv(): FirstAuthFactor[] | undefined {
  const value = process.env.METHODS;
  if (value === undefined || value === '') return undefined;
  try {
    return firstFactorsFor(value);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

const dataFile = fileURLToPath(new URL('../../../.local-pool-data/pool.json', import.meta.url));

try {
  const demo = await startDemo({
    port: portFromEnv('PORT', 8080),
    poolPort: portFromEnv('POOL_PORT', 9229),
    dataFile,
    quiet: true,
    mfa: mfaFromEnv(),
    firstAuthFactors: methodsFromEnv(),
  });
  console.log('');
  console.log(`  Demo:      ${demo.url}`);
  if (demo.poolUrl) {
    console.log(`  Mailbox:   ${demo.url}mailbox.html   (the codes the local pool "sent")`);
    console.log(`  User pool: ${demo.poolUrl}   (users kept in ${dataFile})`);
    const methods = methodsFromEnv();
    if (methods) console.log(`  Sign-in:   ${methods.join(', ')}   (try them on ${demo.url}passwordless.html)`);
    if (mfaFromEnv() !== 'OFF') console.log(`  MFA:       ${mfaFromEnv()} (authenticator set-up on first sign-in; texted codes in the mailbox)`);
  } else {
    console.log('  User pool: the real one named in demo/js/config.js');
  }
  console.log('');
  console.log('  Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await demo.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (err) {
  console.error(err instanceof PortInUseError ? err.message : err);
  process.exit(1);
}
