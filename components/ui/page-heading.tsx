import { MUTED_TEXT } from './class-names';

/** A dashboard page's title and the sentence under it that says what the page is for. */
export function PageHeading({ heading, intro }: { heading: string; intro: string }) {
  return (
    <div>
      <h1 className="text-lg font-semibold">{heading}</h1>
      <p className={`text-sm ${MUTED_TEXT}`}>{intro}</p>
    </div>
  );
}
