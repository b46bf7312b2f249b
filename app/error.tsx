'use client';

/** Last resort for unexpected errors; the details are in the server log under this digest. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="page">
      <div className="alert error" role="alert">
        <strong>Something went wrong while loading this page.</strong>
        <div>
          The details are in the server log{error.digest ? ` (reference ${error.digest})` : ''}.{' '}
          <button type="button" onClick={reset}>
            Try again
          </button>
        </div>
      </div>
    </main>
  );
}
