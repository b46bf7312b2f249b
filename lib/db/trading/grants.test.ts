import { describe, expect, it } from 'vitest';
import { grantAllowsWrite, redactGrant, selectOnlyGrantSql } from './grants';

describe('grantAllowsWrite', () => {
  it.each<[string, string, boolean]>([
    ["GRANT USAGE ON *.* TO `ro`@`%` IDENTIFIED BY PASSWORD '*ABC'", 'trading', false],
    ['GRANT SELECT ON `trading`.* TO `ro`@`%`', 'trading', false],
    ['GRANT SELECT, LOCK TABLES, SHOW VIEW ON `trading`.* TO `ro`@`%`', 'trading', false],
    ['GRANT SELECT (`a`, `b`) ON `trading`.`order` TO `ro`@`%`', 'trading', false],
    ['GRANT EXECUTE ON PROCEDURE `trading`.`p` TO `ro`@`%`', 'trading', false],
    ["GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION", 'trading', false],
    ['GRANT `app_role` TO `ro`@`%`', 'trading', false],
    ['GRANT ALL PRIVILEGES ON `other`.* TO `rw`@`%`', 'trading', false],
    ['GRANT ALL PRIVILEGES ON `trading`.* TO `rw`@`%`', 'trading', true],
    ['GRANT ALL ON `trading`.* TO `rw`@`%`', 'trading', true],
    ['GRANT INSERT ON *.* TO `rw`@`%`', 'trading', true],
    ['GRANT SELECT, UPDATE (`status`) ON `trading`.`order` TO `rw`@`%`', 'trading', true],
    ['GRANT SELECT, DELETE ON TABLE `trading`.`trade` TO `rw`@`%`', 'trading', true],
    ['GRANT CREATE TEMPORARY TABLES ON `trading`.* TO `rw`@`%`', 'trading', true],
    ['GRANT DROP ON `trad%`.* TO `rw`@`%`', 'trading', true],
    ['GRANT ALTER ON `my\\_db`.* TO `rw`@`%`', 'my_db', true],
    ['GRANT ALTER ON `my\\_db`.* TO `rw`@`%`', 'myxdb', false],
    ['GRANT ALTER ON `my_db`.* TO `rw`@`%`', 'myxdb', true],
    ['grant update on trading.* to rw', 'trading', true],
    ['GRANT INSERT ON `a``b`.* TO `rw`@`%`', 'a`b', true],
    [
      "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` IDENTIFIED VIA mysql_native_password USING '*F00' OR unix_socket WITH GRANT OPTION",
      'trading',
      true,
    ],
  ])('%s on %s -> %s', (grant, db, expected) => {
    expect(grantAllowsWrite(grant, db)).toBe(expected);
  });
});

describe('redactGrant', () => {
  it.each<[string, string]>([
    [
      "GRANT USAGE ON *.* TO `ro`@`%` IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'",
      "GRANT USAGE ON *.* TO `ro`@`%` IDENTIFIED BY PASSWORD '<redacted>'",
    ],
    [
      "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED VIA ed25519 USING PASSWORD('secret-hash')",
      "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED VIA ed25519 USING '<redacted>'",
    ],
    ['GRANT SELECT ON `trading`.* TO `ro`@`%`', 'GRANT SELECT ON `trading`.* TO `ro`@`%`'],
  ])('%s', (grant, expected) => {
    expect(redactGrant(grant)).toBe(expected);
  });
});

it('recommends a SELECT-only user', () => {
  expect(selectOnlyGrantSql('trading')).toBe(
    "CREATE USER 'gryphon_ro'@'%' IDENTIFIED BY '<a new password>'; GRANT SELECT ON `trading`.* TO 'gryphon_ro'@'%';",
  );
});
