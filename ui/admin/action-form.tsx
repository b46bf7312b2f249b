'use client';

import { useActionState } from 'react';

export type ActionState = { ok: boolean; message: string } | null;
export type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * A form posting to a server action (same origin only: Next checks the Origin of server
 * actions, and proxy.ts's origin gate refuses cross-site POSTs), showing the action's answer
 * next to its button. Works as a plain form before the page's script has loaded.
 */
export function ActionForm({
  action,
  children,
  submit,
  testId,
  danger,
}: {
  action: FormAction;
  children?: React.ReactNode;
  submit: string;
  testId?: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="action-form" data-testid={testId}>
      {children}
      <button type="submit" disabled={pending} className={danger ? 'danger' : undefined}>
        {pending ? 'Working…' : submit}
      </button>
      {state && (
        <span
          role="status"
          className={state.ok ? 'ok-text' : 'error-text'}
          data-testid={testId ? `${testId}-result` : undefined}
          style={{ marginLeft: 8, color: state.ok ? '#1a7f37' : '#b42318' }}
        >
          {state.message}
        </span>
      )}
    </form>
  );
}
