/** What a person's week ahead says (src/capacity/weekAhead.ts), anywhere it is shown: tree rows, pickers, views. */
export const WEEK_AHEAD_TEXT = /^(This|Next) week: \d+(\.\d+)?( of \d+(\.\d+)?)? h$|^(Away|No hours) (this|next) week$/;
