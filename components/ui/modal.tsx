'use client';

/**
 * The one modal shell of the dashboard: a backdrop that closes, the dialog's markup, focus moved in
 * on open (to the element marked `data-autofocus`) and back to the opener on close, Escape to close
 * and Tab kept inside. Modals can stack (the resubmit dialog opens above the details drawer): only
 * the topmost one answers the keyboard, so Escape closes one layer at a time.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

const PLACEMENT = {
  /**
   * A full-height panel on the right: the details of a task. In place, not in a portal: a shared
   * link with `sel` renders it on the server, where there is no document.body.
   */
  drawer: {
    portal: false,
    frame: 'fixed inset-0 z-40 flex justify-end',
    panel:
      'relative flex h-full w-full max-w-xl flex-col overflow-y-auto bg-white shadow-xl dark:bg-slate-900',
  },
  /** Centred, and a sheet from the bottom on phones: a confirmation, above any drawer. */
  dialog: {
    portal: true,
    frame: 'fixed inset-0 z-50 flex items-end justify-center sm:items-center',
    panel:
      'relative flex max-h-[90vh] w-full max-w-lg flex-col overflow-y-auto rounded-t-xl bg-white p-4 shadow-xl sm:rounded-xl dark:bg-slate-900',
  },
} as const;

// i18n-ok: a CSS selector
const FOCUSABLE = 'a[href], button:not([disabled]), input, select, summary, [tabindex="0"]';

/** Open modals, the topmost last: the keyboard belongs to the last one. */
const openModals: object[] = [];

interface ModalProps {
  placement: keyof typeof PLACEMENT;
  /** The id of the element that names the dialog (its heading). */
  labelledBy: string;
  /** What the backdrop button says to a screen reader. */
  backdropLabel: string;
  onClose: () => void;
  /** While true (a submission in flight), neither the backdrop nor Escape closes. */
  closeDisabled?: boolean;
  testId: string;
  children: ReactNode;
}

export function Modal({
  placement,
  labelledBy,
  backdropLabel,
  onClose,
  closeDisabled = false,
  testId,
  children,
}: ModalProps) {
  const panel = useRef<HTMLDivElement>(null);
  // Read by the key handler, which is registered once: registering again would move this modal to
  // the top of the stack above one opened after it.
  const latest = useRef({ onClose, closeDisabled });
  latest.current = { onClose, closeDisabled };

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => opener?.focus?.();
  }, []);

  useEffect(() => {
    const self = {};
    openModals.push(self);
    const onKey = (event: KeyboardEvent) => {
      if (openModals.at(-1) !== self) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        if (!latest.current.closeDisabled) latest.current.onClose();
      }
      if (event.key === 'Tab' && panel.current) trapFocus(event, panel.current);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      openModals.splice(openModals.indexOf(self), 1);
    };
  }, []);

  const { frame, panel: panelClass, portal } = PLACEMENT[placement];
  const modal = (
    <div className={frame}>
      <button
        type="button"
        aria-label={backdropLabel}
        tabIndex={-1}
        onClick={closeDisabled ? undefined : onClose}
        className="absolute inset-0 bg-slate-950/40"
      />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        className={panelClass}
      >
        {children}
      </div>
    </div>
  );
  return portal ? createPortal(modal, document.body) : modal;
}

function trapFocus(event: KeyboardEvent, container: HTMLElement): void {
  const focusable = container.querySelectorAll<HTMLElement>(FOCUSABLE);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
