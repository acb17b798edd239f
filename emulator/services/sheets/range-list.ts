import { GasObject } from '../../core/gas-object';
import type { Range } from './range';

/**
 * Ranges of one sheet acted on together
 * (developers.google.com/apps-script/reference/spreadsheet/range-list): one call applies an
 * operation to every range — what `Sheet.getRangeList` is for when the ranges are not adjacent.
 * The subset the bundle may use: reading the ranges back, a number format, clearing content.
 * The member ranges are changed directly, so the whole operation is one accounted call.
 */
export class RangeList extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'RangeList';

  constructor(readonly _ranges: readonly Range[]) {
    super();
  }

  getRanges(): Range[] {
    return [...this._ranges];
  }

  setNumberFormat(format: string): RangeList {
    for (const r of this._ranges) r.setNumberFormat(format);
    return this;
  }

  clearContent(): RangeList {
    for (const r of this._ranges) r.clearContent();
    return this;
  }
}
