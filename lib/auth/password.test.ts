import bcryptjs from 'bcryptjs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

// From tests/fixtures/gryphon-dashboards-db.sql: py-bcrypt's `$2a$12$` hash of this password.
const GRYPHON_HASH = '$2a$12$sDJumEsFjh3H5qcFlQIyCeW1lbyXM79NcPR/5RME.yeim3HoHeUqO';
const GRYPHON_PASSWORD = 'gryphon-old-password-1';

describe('passwords (native bcrypt)', () => {
  it("accepts Gryphon's $2a$12$ hashes and refuses wrong passwords and malformed hashes", async () => {
    expect(await verifyPassword(GRYPHON_PASSWORD, GRYPHON_HASH)).toBe(true);
    expect(await verifyPassword('gryphon-old-password-2', GRYPHON_HASH)).toBe(false);
    expect(await verifyPassword(GRYPHON_PASSWORD, 'not a bcrypt hash')).toBe(false);
    expect(await verifyPassword(GRYPHON_PASSWORD, DUMMY_HASH)).toBe(false);
  });

  it('writes $2a$12$ hashes that another implementation (bcryptjs) verifies', async () => {
    const hash = await hashPassword('a brand new password');
    expect(hash).toMatch(/^\$2a\$12\$.{53}$/);
    expect(await bcryptjs.compare('a brand new password', hash)).toBe(true);
    expect(await verifyPassword('a brand new password', hash)).toBe(true);
  });

  it('compares off the event loop: the loop stays idle while four compares run', async () => {
    // Event-loop utilisation (time the loop was busy / elapsed) does not depend on how loaded
    // the machine is; bcryptjs keeps the loop busy throughout (~1), native bcrypt near 0.
    const before = performance.eventLoopUtilization();
    const started = performance.now();
    await Promise.all([1, 2, 3, 4].map(() => verifyPassword('wrong', GRYPHON_HASH)));
    const took = performance.now() - started;
    const { utilization } = performance.eventLoopUtilization(before);
    expect(took).toBeGreaterThan(80); // a cost-12 compare is ~100-450 ms of CPU
    expect(utilization).toBeLessThan(0.3);
  });
});
