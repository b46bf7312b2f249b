import { ConfigError, DatabaseUnreachableError } from '@/lib/core/errors';

/**
 * What a page shows when its data cannot be loaded for a known reason. Production builds hide
 * thrown errors' messages, so pages catch the known kinds and render them here.
 */
export function describeLoadError(err: unknown): string | null {
  if (err instanceof DatabaseUnreachableError || err instanceof ConfigError) return err.message;
  return null;
}

export function ErrorPanel({ title, message }: { title: string; message: string }) {
  return (
    <div className="alert error" role="alert">
      <strong>{title}</strong>
      <div>{message}</div>
    </div>
  );
}
