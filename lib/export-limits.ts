/** The CSV export's row cap, known to the page (shown before download) and the server (enforced). */
export const EXPORT_ROW_CAP = 100_000;
