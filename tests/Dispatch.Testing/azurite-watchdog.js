// Runs Azurite's Table service and exits when the test process that started it is gone, so a test
// run that ends abruptly (or whose ProcessExit handler never runs) leaves no Azurite behind.
// Usage: node azurite-watchdog.js <parentPid> <path to azurite table/main.js> [azurite args...]
'use strict';
const [node, , parentPid, script, ...rest] = process.argv;
const parent = Number(parentPid);
if (!Number.isInteger(parent) || parent <= 0 || !script) {
  console.error('usage: node azurite-watchdog.js <parentPid> <azurite main.js> [args...]');
  process.exit(2);
}
process.argv = [node, script, ...rest];
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
require(script);
