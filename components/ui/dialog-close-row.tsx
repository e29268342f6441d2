import { DIALOG_BUTTON } from './class-names';

/** The last row of a dialog that has answered: one button that closes it, focused on arrival. */
export function DialogCloseRow({ label, onClose }: { label: string; onClose: () => void }) {
  return (
    <div className="flex justify-end">
      <button type="button" className={DIALOG_BUTTON} onClick={onClose} data-autofocus>
        {label}
      </button>
    </div>
  );
}
