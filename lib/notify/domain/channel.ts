/**
 * Delivery channels (issue 14): what an admin may enter, checked once at the boundary. Pure.
 * A webhook or Slack target is an http(s) URL (nothing else is ever requested: no file:,
 * no gopher:); an email target is a comma-separated list of addresses.
 */
export const CHANNEL_KINDS = ['webhook', 'slack', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface ChannelInput {
  name: string;
  kind: ChannelKind;
  target: string;
  enabled: boolean;
}

/** A refused input, naming the form field. */
export class ChannelInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// Deliberately plain: one @, no spaces or commas, a dot in the domain.
const EMAIL = /^[^\s@,<>]+@[^\s@,<>]+\.[^\s@,<>]+$/;

/** Why a URL may not be a webhook target, or null if it may. */
export function httpTargetProblem(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `"${target}" is not a URL (e.g. https://hooks.example.com/gryphon)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http:// and https:// targets are allowed, not ${url.protocol}`;
  return null;
}

export function parseEmailList(target: string): string[] {
  return target
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function validateChannelInput(raw: {
  name: string;
  kind: string;
  target: string;
  enabled: boolean;
}): ChannelInput {
  const name = raw.name.trim();
  if (!NAME.test(name))
    throw new ChannelInputError(
      'the name must be 1 to 64 letters, digits, dots, dashes or underscores (e.g. ops-webhook)',
      'name',
    );
  const kind = raw.kind.trim().toLowerCase();
  if (!(CHANNEL_KINDS as readonly string[]).includes(kind))
    throw new ChannelInputError(`the kind must be one of ${CHANNEL_KINDS.join(', ')}`, 'kind');
  const target = raw.target.trim();
  if (target === '' || target.length > 1024)
    throw new ChannelInputError('the target is required (at most 1024 characters)', 'target');
  if (kind === 'email') {
    const list = parseEmailList(target);
    const bad = list.find((a) => !EMAIL.test(a));
    if (list.length === 0 || bad !== undefined)
      throw new ChannelInputError(
        `"${bad ?? target}" is not an email address (a list is comma-separated: a@example.com, b@example.com)`,
        'target',
      );
    return { name, kind, target: list.join(', '), enabled: raw.enabled };
  }
  const problem = httpTargetProblem(target);
  if (problem) throw new ChannelInputError(problem, 'target');
  return { name, kind: kind as ChannelKind, target, enabled: raw.enabled };
}

/** alert_event.channels and notify_schedule.channels: comma-separated names, '' = none. */
export function parseChannelNames(list: string): string[] {
  return [
    ...new Set(
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
