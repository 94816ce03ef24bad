#!/usr/bin/env node
import { buildProgram } from './program.js';

const { program, close } = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`concertctl: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await close();
}
