import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import type { TaskStatus } from '@/lib/task';

export function ProgressBar({ progress, status }: { progress: number; status: TaskStatus }) {
  const t = useTranslations('ProgressBar');
  const f = useFormat();
  const fill = status === 'Failed' ? 'bg-red-500' : progress >= 100 ? 'bg-green-600' : 'bg-blue-600';
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        aria-label={t('label')}
        className="h-1.5 w-20 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className={`h-full ${fill}`} style={{ width: `${progress}%` }} />
      </div>
      <span className="w-12 text-right text-xs tabular-nums text-slate-600 dark:text-slate-300">
        {f.progress(progress)}
      </span>
    </div>
  );
}
