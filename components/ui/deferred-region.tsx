'use client';

import { type ReactNode, useCallback, useEffect, useRef } from 'react';

/** A click or submission held inside a region, with the element's place there should it be replaced. */
interface HeldEvent {
  event: Event;
  region: Element;
  target: Element;
  path: number[];
}

/** Marks a region's element (the attribute the component renders). */
const REGION_SELECTOR = '[data-deferred-region]';

/** Regions whose code is in and hydrated: events there go straight to React. */
const hydratedRegions = new WeakSet<Element>();
let heldEvents: HeldEvent[] = [];
/** Keys pressed with nothing focused while a region was not hydrated: the page's shortcuts. */
let heldKeys: KeyboardEvent[] = [];

function pathFrom(root: Element, target: Element): number[] {
  const path: number[] = [];
  for (let node: Element | null = target; node && node !== root; node = node.parentElement)
    path.unshift(node.parentElement ? [...node.parentElement.children].indexOf(node) : 0);
  return path;
}

function elementAt(root: Element, path: number[]): Element | null {
  let node: Element | null = root;
  for (const index of path) node = node?.children[index] ?? null;
  return node;
}

/** A plain left click (or Enter/Space on a button): what the page's own handlers answer. */
function isPlainClick(event: Event): boolean {
  return (
    event instanceof MouseEvent &&
    event.button === 0 &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

function hold(event: Event): void {
  const target = event.target;
  if (event instanceof KeyboardEvent) {
    // With nothing focused a key is a shortcut for the whole page ('/' focuses the search), whose
    // listener may be a region's. Noted and sent again once a region has hydrated, but not stopped:
    // the browser still scrolls the page meanwhile.
    // Only keys with nothing focused are looked at: typing in a field never walks the regions.
    if (target !== document.body) return;
    const pending = [...document.querySelectorAll(REGION_SELECTOR)].some(
      (region) => !hydratedRegions.has(region),
    );
    if (pending) heldKeys.push(event);
    return;
  }
  if (!(target instanceof Element)) return;
  const region = target.closest(REGION_SELECTOR);
  if (!region || hydratedRegions.has(region)) return;
  if (event.type === 'click' && !isPlainClick(event)) return;
  // On the window, in the capture phase: before React's listener on the document, which would stop
  // the event for want of the code to run.
  event.preventDefault();
  event.stopImmediatePropagation();
  heldEvents.push({ event, region, target, path: pathFrom(region, target) });
}

// Listening from the moment this module runs, which is before React hydrates the page: a click
// between the first paint and the region's code arriving is held, not lost.
if (typeof window !== 'undefined') {
  window.addEventListener('click', hold, true);
  window.addEventListener('submit', hold, true);
  window.addEventListener('keydown', hold, true);
}

function replay({ event, target, path }: HeldEvent, region: Element): void {
  // Hydrated in place, the element is the one clicked; rendered anew (React does so when the server's
  // HTML did not match), its counterpart is at the same place in the region.
  const element = target.isConnected ? target : elementAt(region, path);
  if (!element) return;
  if (event.type === 'submit') {
    if (element instanceof HTMLFormElement) {
      const submitter = (event as SubmitEvent).submitter;
      element.requestSubmit(submitter?.isConnected ? submitter : null);
    }
    return;
  }
  const click = event as MouseEvent;
  // A click dispatched from script has the same default actions as the user's (a link followed, a
  // checkbox ticked, a form submitted) and reaches React's handlers the same way.
  element.dispatchEvent(
    new MouseEvent('click', {
      bubbles: true,
      cancelable: true,
      composed: true,
      view: window,
      detail: click.detail,
      clientX: click.clientX,
      clientY: click.clientY,
      screenX: click.screenX,
      screenY: click.screenY,
    }),
  );
}

/** Its effect runs once everything before it in the region has hydrated (effects run in order). */
function OnHydrated({ run }: { run: () => void }) {
  useEffect(run, [run]);
  return null;
}

/**
 * A part of the page whose code comes after the first load (a React.lazy component among the
 * children, rendered on the server as usual). Until that code is in, React cannot hydrate the part
 * and drops a click on it (it stops the event, having nothing to run). The region holds plain clicks
 * and form submissions made inside it meanwhile and replays them, in order, once it has hydrated, so
 * an early click comes late rather than never; so do keys pressed with nothing focused (shortcuts).
 * Clicks with a modifier keep the browser's own handling (a link opened in a new tab, say).
 */
export function DeferredRegion({ children }: { children: ReactNode }) {
  const region = useRef<HTMLDivElement>(null);
  const release = useCallback(() => {
    const element = region.current;
    if (!element) return;
    hydratedRegions.add(element);
    // This region's events, including those held in an element it has since replaced.
    const mine = heldEvents.filter((held) => held.region === element || !held.region.isConnected);
    heldEvents = heldEvents.filter((held) => !mine.includes(held));
    for (const held of mine) replay(held, element);
    const keys = heldKeys;
    heldKeys = [];
    for (const key of keys) document.body.dispatchEvent(new KeyboardEvent('keydown', key));
  }, []);
  return (
    <div ref={region} data-deferred-region="">
      {children}
      <OnHydrated run={release} />
    </div>
  );
}
