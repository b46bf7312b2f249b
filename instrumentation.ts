/**
 * Runs once when the Next server starts, however it was started (npm start, the demo, a
 * process manager running `next start`): warns when the trading database user could write,
 * as Gryphon's documentation recommends a SELECT-only user; starts building the checkpoint
 * caches in the background (lib/background/scheduler.ts). Never stops the server: a bad
 * configuration is reported by each page instead.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    const { warnIfTradingWritable } = await import('./lib/db/trading/client');
    await warnIfTradingWritable((line) => console.warn(line));
    const { startBackgroundWork } = await import('./lib/background/scheduler');
    startBackgroundWork();
  } catch (err) {
    console.error(`start-up check skipped: ${err instanceof Error ? err.message : String(err)}`);
  }
}
