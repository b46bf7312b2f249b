import { ChannelInputError, parseChannelNames } from './channel';
import { REPORT_PERIODS, type ReportPeriod } from './period';

/** A report schedule as an admin enters it on /alerts/reports. Pure. */
export interface ScheduleInput {
  name: string;
  period: ReportPeriod;
  /** Comma-separated channel names. */
  channels: string;
  enabled: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function validateScheduleInput(
  raw: { name: string; period: string; channels: string[]; enabled: boolean },
  known: string[],
): ScheduleInput {
  const name = raw.name.trim();
  if (!NAME.test(name))
    throw new ChannelInputError(
      'the name must be 1 to 64 letters, digits, dots, dashes or underscores (e.g. daily-ops)',
      'name',
    );
  const period = raw.period.trim().toLowerCase();
  if (!(REPORT_PERIODS as readonly string[]).includes(period))
    throw new ChannelInputError(`the period must be one of ${REPORT_PERIODS.join(', ')}`, 'period');
  const channels = parseChannelNames(raw.channels.join(','));
  if (channels.length === 0)
    throw new ChannelInputError('choose at least one channel to send the report to', 'channels');
  const lower = new Set(known.map((k) => k.toLowerCase()));
  const unknown = channels.find((c) => !lower.has(c.toLowerCase()));
  if (unknown !== undefined)
    throw new ChannelInputError(`there is no channel named ${unknown}`, 'channels');
  const joined = channels.join(',');
  if (joined.length > 512)
    throw new ChannelInputError('too many channels (512 characters)', 'channels');
  return { name, period: period as ReportPeriod, channels: joined, enabled: raw.enabled };
}
