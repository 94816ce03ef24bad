#!/usr/bin/env node
import { isDomainError } from '@concert/domain';
import { buildProgram } from './program.js';

/** A domain error's details name the fields at fault (e.g. amount): print them under the message. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!isDomainError(error) || !Array.isArray(error.details)) return error.message;
  const fields = (error.details as Array<{ field?: string; message?: string }>)
    .filter((detail) => detail.field)
    .map((detail) => `\n  ${detail.field}: ${detail.message ?? ''}`);
  return error.message + fields.join('');
}

const { program, close } = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`concertctl: ${describe(error)}`);
  process.exitCode = 1;
} finally {
  await close();
}
