#!/usr/bin/env node
import { errorMessage } from './errorMessage.js';
import { buildProgram } from './program.js';

const { program, close } = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`concertctl: ${errorMessage(error)}`);
  process.exitCode = 1;
} finally {
  await close();
}
