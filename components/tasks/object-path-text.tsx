import { Fragment } from 'react';

/**
 * An object path that, where it has to wrap, wraps after a slash rather than mid-name; a segment
 * too long for the line still breaks anywhere instead of pushing the layout sideways.
 */
export function ObjectPathText({ path }: { path: string }) {
  const segments = path.split('/');
  return (
    <>
      {segments.map((segment, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: segments repeat ("//") and never reorder
        <Fragment key={index}>
          {segment}
          {index < segments.length - 1 ? (
            <>
              /<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}
