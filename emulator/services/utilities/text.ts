/**
 * Text helpers of Utilities: parseCsv (reference/utilities/utilities#parseCsv(String,Char))
 * and formatString ("Performs sprintf-like string formatting using '%'-style format strings").
 */

/**
 * RFC 4180 parsing: quoted fields may hold the delimiter, line breaks and doubled quotes.
 * A line break at the very end does not make an extra empty row.
 */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const text = String(csv);
  const d = String(delimiter);
  if (d.length !== 1) throw new Error('Invalid argument: delimiter');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === d) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('Could not parse text: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** %[flags][width][.precision]conversion with flags "-", "0", "+", "," and conversions s d i f e x o b c %, n. */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(/%([-0+,]*)(\d+)?(?:\.(\d+))?([sdifexXobcn%])/g, (all, flags: string, width?: string, precision?: string, conv?: string) => {
    if (conv === '%') return '%';
    if (conv === 'n') return '\n';
    if (next >= args.length) throw new Error(`Missing format argument for ${all}`);
    const v = args[next++];
    let s: string;
    switch (conv) {
      case 's':
        s = v === null || v === undefined ? String(v) : String(v);
        if (precision !== undefined) s = s.slice(0, +precision);
        break;
      case 'd':
      case 'i': {
        const n = Math.trunc(Number(v));
        s = flags.includes(',') ? Math.abs(n).toLocaleString('en-US') : String(Math.abs(n));
        s = (n < 0 ? '-' : flags.includes('+') ? '+' : '') + s;
        break;
      }
      case 'f': {
        const n = Number(v);
        const fixed = Math.abs(n).toFixed(precision === undefined ? 6 : +precision);
        const [int, frac] = fixed.split('.');
        const grouped = flags.includes(',') ? Number(int).toLocaleString('en-US') : int;
        s = (n < 0 ? '-' : flags.includes('+') ? '+' : '') + grouped + (frac !== undefined ? '.' + frac : '');
        break;
      }
      case 'e':
        s = Number(v).toExponential(precision === undefined ? 6 : +precision).replace(/e([+-])(\d)$/, 'e$10$2');
        break;
      case 'x':
        s = Math.trunc(Number(v)).toString(16);
        break;
      case 'X':
        s = Math.trunc(Number(v)).toString(16).toUpperCase();
        break;
      case 'o':
        s = Math.trunc(Number(v)).toString(8);
        break;
      case 'b':
        s = String(v !== null && v !== undefined && v !== false);
        break;
      default: // 'c'
        s = typeof v === 'number' ? String.fromCharCode(v) : String(v).charAt(0);
    }
    const w = width === undefined ? 0 : +width;
    if (s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w, ' ');
      else if (flags.includes('0') && /[difexXo]/.test(conv ?? '')) {
        const sign = /^[+-]/.test(s) ? s[0] : '';
        s = sign + s.slice(sign.length).padStart(w - sign.length, '0');
      } else s = s.padStart(w, ' ');
    }
    return s;
  });
}
