/** What every chart's axes and tooltip look like: the text colour of the card (light or dark), small type. */
export const AXIS_TICK = { fill: 'currentColor', fontSize: 11 } as const;
export const TOOLTIP_LOOK = { cursor: { fillOpacity: 0.08 }, contentStyle: { fontSize: 12 } } as const;
/** The value lines behind a chart over time: dashed, faint, horizontal only. */
export const GRID_LOOK = {
  strokeDasharray: '3 3',
  stroke: 'currentColor',
  strokeOpacity: 0.15,
  vertical: false,
} as const;
