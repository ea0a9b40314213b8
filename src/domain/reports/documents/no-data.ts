/** What a document says for a period with no cases (never an empty table nor a division by zero). */
export const NO_DATA_TEXT = '本期无数据';
/** What a rate shows when nothing was due ("no data"), as the dashboard writes it. */
export const NO_RATE_TEXT = '暂无数据';
