import { makeTestEnv } from '../../emulator/testing';
import { Logger, Utilities, UTILITIES_MESSAGES } from '../../emulator/services/utilities';
import { Blob } from '../../emulator/services/blob';
import { MESSAGES } from '../../emulator/core/execution';

/**
 * Utilities and Logger, host-side.
 * Reference: developers.google.com/apps-script/reference/utilities/utilities and
 * developers.google.com/apps-script/reference/base/logger. formatDate "formats date according
 * to specification described in Java SE SimpleDateFormat class", so the Java SimpleDateFormat
 * documentation's own examples are used as test vectors.
 */
const utils = (env = makeTestEnv()) => new Utilities(env);

describe('Utilities.formatDate (reference/utilities/utilities#formatDate(Date,String,String))', () => {
  const at = new Date('2026-11-27T14:05:09.045Z'); // Friday, 09:05:09.045 in Lima

  test('America/Lima is UTC-5 with Java\'s zone name PET', () => {
    const u = utils();
    expect(u.formatDate(at, 'America/Lima', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-11-27 09:05:09');
    expect(u.formatDate(at, 'America/Lima', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-11-27T09:05:09-05:00');
    expect(u.formatDate(at, 'America/Lima', 'Z z zzzz X XX')).toBe('-0500 PET Peru Time -05 -0500');
    expect(u.formatDate(at, 'America/Lima', 'dd/MM/yy h:mm a')).toBe('27/11/26 9:05 AM');
    expect(u.formatDate(new Date('2026-11-28T03:30:00Z'), 'America/Lima', 'EEEE d MMM, HH:mm')).toBe('Friday 27 Nov, 22:30');
  });

  test('UTC and GMT offsets', () => {
    const u = utils();
    expect(u.formatDate(at, 'UTC', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-11-27T14:05:09.045Z');
    expect(u.formatDate(at, 'UTC', 'z Z')).toBe('UTC +0000');
    expect(u.formatDate(at, 'GMT-5', 'HH:mm z')).toBe('09:05 GMT-05:00');
    expect(u.formatDate(at, 'GMT+05:30', 'HH:mm Z')).toBe('19:35 +0530');
  });

  test('month and day names are English, whatever the user\'s locale', () => {
    expect(utils().formatDate(at, 'America/Lima', "EEEE, d 'de' MMMM 'de' yyyy")).toBe('Friday, 27 de November de 2026');
    expect(utils().formatDate(at, 'America/Lima', 'EEE MMM u')).toBe('Fri Nov 5');
  });

  // docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html, "Examples" (2001-07-04 12:08:56 local time in the U.S. Pacific Time zone)
  test.each([
    ["yyyy.MM.dd G 'at' HH:mm:ss z", '2001.07.04 AD at 12:08:56 PDT'],
    ["EEE, MMM d, ''yy", "Wed, Jul 4, '01"],
    ['h:mm a', '12:08 PM'],
    ["hh 'o''clock' a, zzzz", "12 o'clock PM, Pacific Daylight Time"],
    ['K:mm a, z', '0:08 PM, PDT'],
    ['yyyyy.MMMMM.dd GGG hh:mm aaa', '02001.July.04 AD 12:08 PM'],
    ['EEE, d MMM yyyy HH:mm:ss Z', 'Wed, 4 Jul 2001 12:08:56 -0700'],
    ['yyMMddHHmmssZ', '010704120856-0700'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSZ", '2001-07-04T12:08:56.235-0700'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2001-07-04T12:08:56.235-07:00'],
    ["YYYY-'W'ww-u", '2001-W27-3'],
  ])('Java example %s', (pattern, expected) => {
    expect(utils().formatDate(new Date('2001-07-04T19:08:56.235Z'), 'America/Los_Angeles', pattern)).toBe(expected);
  });

  test('an unknown zone reads as GMT, as Java\'s TimeZone does; a bad pattern letter throws', () => {
    expect(utils().formatDate(at, 'Lima', 'HH:mm z')).toBe('14:05 GMT');
    expect(() => utils().formatDate(at, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });
});

describe('Utilities encoding and signatures (reference/utilities/utilities)', () => {
  // RFC 4231 section 4.3, test case 2
  test('computeHmacSha256Signature gives the RFC 4231 vector as signed bytes', () => {
    const sig = utils().computeHmacSha256Signature('what do ya want for nothing?', 'Jefe');
    const hex = sig.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(sig.slice(0, 2)).toEqual([91, -36]); // 0x5b, 0xdc as a Java byte
    expect(sig.every((b) => Number.isInteger(b) && b >= -128 && b <= 127)).toBe(true);
    const u = utils();
    expect(u.computeHmacSignature(u.MacAlgorithm.HMAC_SHA_256, 'what do ya want for nothing?', 'Jefe')).toEqual(sig);
    // byte arrays are accepted as well as strings
    expect(u.computeHmacSha256Signature(Array.from(Buffer.from('what do ya want for nothing?')), Array.from(Buffer.from('Jefe')))).toEqual(sig);
  });

  test('computeDigest returns signed bytes (MD5 and SHA-256 of known inputs)', () => {
    const u = utils();
    const md5 = u.computeDigest(u.DigestAlgorithm.MD5, '');
    expect(md5[0]).toBe(-44); // d41d8cd9…: 0xd4 as a Java byte
    const sha = u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc');
    expect(sha.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('base64 round trip of Spanish text, and the web-safe alphabet', () => {
    const u = utils();
    const text = 'Señora Núñez — cita 09:00';
    const encoded = u.base64Encode(text);
    expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64'));
    const bytes = u.base64Decode(encoded);
    expect(bytes.some((b) => b < 0)).toBe(true); // ñ is 0xC3 0xB1: negative Java bytes
    expect(u.newBlob(bytes).getDataAsString()).toBe(text);
    expect(u.base64Encode([-5, -1])).toBe('+/8=');
    expect(u.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(u.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(() => u.base64Decode('no es base64!')).toThrow(UTILITIES_MESSAGES.badBase64);
  });

  test('getUuid is seeded: the same workspace seed gives the same UUIDs', () => {
    const a = utils(makeTestEnv());
    const b = utils(makeTestEnv());
    const first = a.getUuid();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.getUuid()).toBe(first);
    expect(a.getUuid()).not.toBe(first);
  });

  test('formatString is sprintf-like', () => {
    const u = utils();
    expect(u.formatString('%s tiene %d citas (%.1f%%)', 'Ana', 3, 42.25)).toBe('Ana tiene 3 citas (42.3%)');
    expect(u.formatString('[%5s|%-5s|%05d]', 'ab', 'cd', 42)).toBe('[   ab|cd   |00042]');
  });
});

describe('Utilities blobs and archives (reference/utilities/utilities#zip, #unzip)', () => {
  test('newBlob keeps data, content type and name', () => {
    const b = utils().newBlob('hola', 'text/plain', 'saludo.txt');
    expect([b.getDataAsString(), b.getContentType(), b.getName()]).toEqual(['hola', 'text/plain', 'saludo.txt']);
  });

  test('unzip gives back the files zip() packed, with their names and bytes', () => {
    const u = utils();
    const zipped = u.zip([u.newBlob('Peña, José', 'text/plain', 'a.txt'), u.newBlob([0, -1, 127, -128], null as never, 'dir/raw.bin')], 'pack.zip');
    expect([zipped.getName(), zipped.getContentType()]).toEqual(['pack.zip', 'application/zip']);
    expect(zipped.getBytes().slice(0, 4)).toEqual([80, 75, 3, 4]); // "PK\3\4": a real ZIP
    const files = u.unzip(zipped);
    expect(files.map((f) => f.getName())).toEqual(['a.txt', 'dir/raw.bin']);
    expect(files[0].getDataAsString()).toBe('Peña, José');
    expect(files[0].getContentType()).toBe('text/plain');
    expect(files[1].getBytes()).toEqual([0, -1, 127, -128]);
  });

  test('unzip reads archives made by other tools: stored and deflated entries, folders skipped (an XLSX-like file)', () => {
    // Made with Python's zipfile: "[Content_Types].xml" stored, "xl/" folder, "xl/sharedStrings.xml" deflated.
    const fixture =
      'UEsDBBQAAAAAAABIe13HHBc8CAAAAAgAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbDxUeXBlcy8+UEsDBBQAAAAAAABIe10AAAAAAAAAAAAAAAADAAAAeGwvUEsDBBQAAAAIAABIe11hfinHHAAAACAAAAAUAAAAeGwvc2hhcmVkU3RyaW5ncy54bWyzKS4usbMpzrSzKbELSD28MdFGH8jXBwnog6QAUEsBAhQDFAAAAAAAAEh7XcccFzwIAAAACAAAABMAAAAAAAAAAAAAAIABAAAAAFtDb250ZW50X1R5cGVzXS54bWxQSwECFAMUAAAAAAAASHtdAAAAAAAAAAAAAAAAAwAAAAAAAAAAAAAAgAE5AAAAeGwvUEsBAhQDFAAAAAgAAEh7XWF+KcccAAAAIAAAABQAAAAAAAAAAAAAAIABWgAAAHhsL3NoYXJlZFN0cmluZ3MueG1sUEsFBgAAAAADAAMAtAAAAKgAAAAAAA==';
    const u = utils();
    const files = u.unzip(u.newBlob(u.base64Decode(fixture), 'application/zip', 'report.xlsx'));
    expect(files.map((f) => [f.getName(), f.getDataAsString()])).toEqual([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/sharedStrings.xml', '<sst><si><t>Peña</t></si></sst>'],
    ]);
    expect(() => u.unzip(u.newBlob('not a zip'))).toThrow(/not a zip file/);
  });

  test('zip refuses two files with the same name', () => {
    const u = utils();
    expect(() => u.zip([u.newBlob('1', 'text/plain', 'x.txt'), u.newBlob('2', 'text/plain', 'x.txt')])).toThrow('duplicate entry: x.txt');
  });

  test('a Blob is accepted wherever a BlobSource is', () => {
    const u = utils();
    const b = new Blob(new Uint8Array([1, 2]), 'application/octet-stream', 'b.bin');
    expect(u.unzip(u.zip([b]))[0].getBytes()).toEqual([1, 2]);
  });
});

describe('Utilities.parseCsv (reference/utilities/utilities#parseCsv(String))', () => {
  test('quoted fields keep delimiters, doubled quotes and line breaks; a final line break adds no row', () => {
    const csv = 'DNI,Nombre,Nota\r\n"04567890","Núñez, Ana","dijo ""sí""\nluego"\n12345678,O\'Brien,\n';
    expect(utils().parseCsv(csv)).toEqual([
      ['DNI', 'Nombre', 'Nota'],
      ['04567890', 'Núñez, Ana', 'dijo "sí"\nluego'],
      ['12345678', "O'Brien", ''],
    ]);
  });

  test('another delimiter', () => {
    expect(utils().parseCsv('a;b;"c;d"', ';')).toEqual([['a', 'b', 'c;d']]);
  });
});

describe('Utilities.sleep (reference/utilities/utilities#sleep(Integer))', () => {
  test('sleeping charges the virtual clock and the execution', () => {
    const env = makeTestEnv();
    const before = env.state.now();
    utils(env).sleep(1500);
    expect(env.state.now() - before).toBe(1500);
    expect(env.exec.record.modeledMs).toBe(1500);
  });

  test('"The maximum allowed value is 300000"; sleeping past 6 minutes ends the execution', () => {
    const env = makeTestEnv();
    const u = utils(env);
    expect(() => u.sleep(300_001)).toThrow(UTILITIES_MESSAGES.sleepTooLong);
    u.sleep(300_000);
    expect(() => u.sleep(60_000)).toThrow(MESSAGES.timeout);
    expect(env.exec.record.status).toBe('timed-out');
    expect(env.exec.record.modeledMs).toBe(6 * 60_000);
  });
});

describe('Logger (reference/base/logger)', () => {
  test('log(format, values…) fills each %s; lines reach the execution log; getLog and clear', () => {
    const env = makeTestEnv();
    const logger = new Logger(env);
    logger.log('Hola %s, tienes %s citas', 'Ana', 3).log({ dni: '04567890' });
    expect(env.exec.record.logs).toEqual(['INFO: Hola Ana, tienes 3 citas', 'INFO: {"dni":"04567890"}']);
    expect(logger.getLog()).toBe('Hola Ana, tienes 3 citas\n{"dni":"04567890"}');
    logger.clear();
    expect(logger.getLog()).toBe('');
    expect(env.exec.record.logs).toHaveLength(2); // clear() empties getLog, not the execution log
  });
});
