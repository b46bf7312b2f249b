/**
 * dashboard.conf: Gryphon's INI file of strategy dashboards, read from the working directory.
 * Gryphon's docs call it `dashboard.conf` and its code reads `dashboards.conf`; both work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors';
import { startDirectory } from '../core/env';
import { BUILTIN_STRATEGIES } from './builtins';
import { parseIni } from './parse';
import { strategyFromSection } from './strategies';
import type { DashboardConfig, StrategyConfig } from './types';

export { BUILTIN_STRATEGIES } from './builtins';
export type { DashboardConfig, InferableKey, StrategyConfig } from './types';

export const CONFIG_FILE_NAMES = ['dashboard.conf', 'dashboards.conf'] as const;

function readFirstExisting(cwd: string, warnings: string[]): { file: string; text: string } | null {
  const found = CONFIG_FILE_NAMES.map((n) => path.join(/*turbopackIgnore: true*/ cwd, n)).filter(
    (f) => fs.existsSync(f),
  );
  if (found.length === 0) return null;
  if (found.length > 1)
    warnings.push(`${path.basename(found[1])} ignored: ${path.basename(found[0])} is read instead`);
  try {
    return { file: found[0], text: fs.readFileSync(found[0], 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`${path.basename(found[0])} cannot be read (${code}): ${found[0]}`);
  }
}

/** Throws ConfigError naming the file, section, key and what was expected. */
export function loadDashboardConfig(opts: { cwd?: string } = {}): DashboardConfig {
  const warnings: string[] = [];
  // No prototype: a section named [strategies:__proto__] or [strategies:toString] is a key like
  // any other, and a URL key never finds Object.prototype's members.
  const strategies: Record<string, StrategyConfig> = Object.assign(
    Object.create(null) as Record<string, StrategyConfig>,
    BUILTIN_STRATEGIES,
  );
  const found = readFirstExisting(opts.cwd ?? startDirectory(), warnings);
  const alerts: Record<string, Record<string, string>> = Object.create(null) as Record<
    string,
    Record<string, string>
  >;
  if (!found) return { file: null, strategies, alerts, warnings };

  const label = path.basename(found.file);
  const sections = parseIni(found.text, label);
  for (const [section, values] of Object.entries(sections)) {
    const colon = section.indexOf(':');
    const [kind, name] =
      colon === -1 ? [section, ''] : [section.slice(0, colon), section.slice(colon + 1).trim()];
    if (kind === 'alert') {
      alerts[name] = { ...values };
      continue;
    }
    // Other kinds (orderbook_collections:..., anything else) belong to other Gryphon tools.
    if (kind !== 'strategies') continue;
    if (!name) {
      warnings.push(
        `${label} [${section}] ignored: a strategy section is named [strategies:<url_name>]`,
      );
      continue;
    }
    if (/[\s/?#%]/.test(name)) {
      throw new ConfigError(
        `${label} [${section}]: expected a URL name without spaces or / ? # %, got "${name}"`,
      );
    }
    const base = Object.hasOwn(BUILTIN_STRATEGIES, name) ? BUILTIN_STRATEGIES[name] : undefined;
    strategies[name] = strategyFromSection(label, name, values, base, warnings);
  }
  return { file: found.file, strategies, alerts, warnings };
}

const cache = globalThis as unknown as { __gryphonDashboardConfig?: DashboardConfig };

/** loadDashboardConfig() once per process; restart the server after editing the file. */
export function getDashboardConfig(): DashboardConfig {
  cache.__gryphonDashboardConfig ??= loadDashboardConfig();
  return cache.__gryphonDashboardConfig;
}
