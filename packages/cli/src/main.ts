import { processIo } from './io.js';
import { runCli } from './program.js';

// The AWS SDK warns on Node 20 that its releases after January 2027 will need Node 22. This
// command pins its SDK version and supports Node 20.19+, so the notice would only puzzle users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Entry point of the bundle: no logic here. A command that set process.exitCode itself keeps it.
const code = await runCli(process.argv.slice(2), processIo());
if (code !== 0) process.exitCode = code;
