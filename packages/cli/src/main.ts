import { processIo } from './io.js';
import { runCli } from './program.js';

// Entry point of the bundle: no logic here. A command that set process.exitCode itself keeps it.
const code = await runCli(process.argv.slice(2), processIo());
if (code !== 0) process.exitCode = code;
