'use client';

import { type ReactNode, useId } from 'react';
import { Modal } from './modal';

/**
 * A dialog named by its heading: the modal shell in its dialog placement, the title first. While
 * `busy` (a submission in flight) it does not close.
 */
export function TitledDialog({
  title,
  closeLabel,
  onClose,
  busy,
  testId,
  children,
}: {
  title: string;
  /** What the backdrop button says to a screen reader. */
  closeLabel: string;
  onClose: () => void;
  busy: boolean;
  testId: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Modal
      placement="dialog"
      labelledBy={titleId}
      backdropLabel={closeLabel}
      onClose={onClose}
      closeDisabled={busy}
      testId={testId}
    >
      <h2 id={titleId} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </Modal>
  );
}
