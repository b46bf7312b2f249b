import { describe, expect, it } from 'vitest';
import { loadDashboardConfig } from '../config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { declaredRules } from './rules-store';

/** `[alert:NAME]` sections of dashboard.conf, as lib/config keeps them and lib/alerts reads them. */
function configWith(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'alerts-conf-'));
  writeFileSync(path.join(dir, 'dashboard.conf'), text);
  return loadDashboardConfig({ cwd: dir });
}

describe('declaredRules', () => {
  it('reads [alert:NAME] sections and reports the bad ones without stopping', () => {
    const config = configWith(
      [
        '[alert:mm-loss]',
        'kind: realized-loss',
        'subject: simple_mm_ethusd',
        'threshold: 2500',
        'for: 10m',
        'severity: failing',
        'channels: ops, slack',
        '',
        '[alert:broken]',
        'kind: drift',
        'threshold: lots',
      ].join('\n'),
    );
    const { rules, errors } = declaredRules(config);
    expect(rules).toEqual([
      {
        name: 'mm-loss',
        kind: 'realized-loss',
        subject: 'simple_mm_ethusd',
        threshold: '2500',
        forSeconds: 600,
        severity: 'failing',
        channels: ['ops', 'slack'],
        enabled: true,
        source: 'config',
      },
    ]);
    expect(errors).toEqual([
      'dashboard.conf [alert:broken] threshold: expected a non-negative decimal number, got "lots"; the rule is not used',
    ]);
  });
});
