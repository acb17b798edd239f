/**
 * «Importar reporte» says which files it takes: the help under the file field and the panel's
 * messages name every extension the field accepts and the panel lets through (issue 10: the
 * help listed fewer formats than were accepted).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { M } from '../../sidebar/messages';

const root = join(__dirname, '../..');
const html = readFileSync(join(root, 'sidebar/index.html'), 'utf8');
const panel = readFileSync(join(root, 'sidebar/import.ts'), 'utf8');

function extensionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\.(csv|txt|xlsx|xls|ods|xml)\b/gi)].map((m) => m[1].toLowerCase()))].sort();
}

describe('the import help names every format it accepts', () => {
  const accepted = extensionsIn(/accept="([^"]*)"/.exec(html.slice(html.indexOf('id="import-file"')))![1]);
  const letThrough = /\\\.\(([a-z|]+)\)\$/i.exec(panel)![1].split('|').sort();

  test('the file field and the panel\'s check agree', () => {
    expect(accepted).toEqual(['csv', 'ods', 'txt', 'xls', 'xlsx', 'xml']);
    expect(letThrough).toEqual(accepted);
  });

  test('the help text and the messages list all of them', () => {
    const help = /<p id="import-help"[^>]*>([^<]*)<\/p>/.exec(html)![1];
    expect(extensionsIn(help)).toEqual(accepted);
    expect(extensionsIn(M.import.chooseFile)).toEqual(accepted);
    expect(extensionsIn(M.import.wrongType)).toEqual(accepted);
  });
});
