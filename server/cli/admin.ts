// The server operator's commands (`npm run admin -- <command>`), run on the server's machine against
// its database (DATABASE_FILE or DATABASE_URL, as the server reads them). A school without e-mail
// resets a teacher's password this way: the command prints a one-time link to hand to the teacher.
import { createAccounts, RESET_TTL_MINUTES } from '../accounts/index.ts';
import { databaseConfigFromEnv, openDatabase } from '../db/index.ts';
import { resetPath } from '../../shared/protocol/http-edge.ts';

const USAGE = `usage: npm run admin -- reset-password <email>
  Prints a one-time password reset link (valid ${RESET_TTL_MINUTES} minutes) for the teacher with this email.
  The link's address is PUBLIC_URL (default http://localhost:$PORT, PORT default 2567).`;

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, email] = args;
  if (command !== 'reset-password' || !email) {
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabase(databaseConfigFromEnv(env));
  try {
    const reset = await createAccounts(db).requestReset(email);
    if (!reset) {
      console.error(`No teacher account has the email ${email}.`);
      return 1;
    }
    const base = (env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 2567}`).replace(/\/$/, '');
    console.log(
      `Password reset link for ${reset.teacher.email} (valid ${RESET_TTL_MINUTES} minutes, works once):`,
    );
    console.log(`${base}${resetPath(reset.token)}`);
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await runAdmin(process.argv.slice(2));
