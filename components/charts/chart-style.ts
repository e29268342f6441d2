/** What every chart's axes and tooltip look like: the text colour of the card (light or dark), small type. */
export const AXIS_TICK = { fill: 'currentColor', fontSize: 11 } as const;
export const TOOLTIP_LOOK = { cursor: { fillOpacity: 0.08 }, contentStyle: { fontSize: 12 } } as const;
