import { makeTestEnv, nextExecution } from '../../emulator/testing';
import { PropertiesService, PROPERTIES_MESSAGES } from '../../emulator/services/properties';

/**
 * PropertiesService, host-side.
 * Reference: developers.google.com/apps-script/reference/properties/properties-service,
 * .../properties/properties, the guide developers.google.com/apps-script/guides/properties,
 * and the limits on developers.google.com/apps-script/guides/services/quotas.
 */
describe('PropertiesService (reference/properties)', () => {
  test('values are stored as strings; missing keys read as null; reads return copies', () => {
    const env = makeTestEnv();
    const p = new PropertiesService(env).getScriptProperties();
    p.setProperty('count', 3).setProperty('flag', true);
    expect(p.getProperty('count')).toBe('3');
    expect(p.getProperty('flag')).toBe('true');
    expect(p.getProperty('missing')).toBeNull();
    const copy = p.getProperties();
    copy.count = 'changed';
    expect(p.getProperty('count')).toBe('3'); // "return a copy of the stored data, not a live view"
    expect(p.getKeys().sort()).toEqual(['count', 'flag']);
  });

  test('script properties persist on the project, across executions', () => {
    const env = makeTestEnv();
    new PropertiesService(env).getScriptProperties().setProperty('sibling', 'abc');
    expect(new PropertiesService(nextExecution(env)).getScriptProperties().getProperty('sibling')).toBe('abc');
    expect(env.project.scriptProperties).toEqual({ sibling: 'abc' });
  });

  test('setProperties merges, or replaces everything with deleteAllOthers; deletes remove keys', () => {
    const env = makeTestEnv();
    const p = new PropertiesService(env).getScriptProperties();
    p.setProperties({ a: 1, b: 'x' });
    p.setProperties({ c: 'y' });
    expect(p.getProperties()).toEqual({ a: '1', b: 'x', c: 'y' });
    p.setProperties({ only: 'this' }, true);
    expect(p.getProperties()).toEqual({ only: 'this' });
    p.setProperty('k', 'v').deleteProperty('only');
    expect(p.getProperties()).toEqual({ k: 'v' });
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  test('user properties belong to each user; document properties exist only with a container', () => {
    const env = makeTestEnv({ containerId: 'sheet-1' });
    new PropertiesService(env).getUserProperties().setProperty('theme', 'dark');
    const other = new PropertiesService(nextExecution(env, 'editor', 'otra@trabajo.gob.pe'));
    expect(other.getUserProperties().getProperty('theme')).toBeNull();
    expect(new PropertiesService(nextExecution(env)).getUserProperties().getProperty('theme')).toBe('dark');
    new PropertiesService(env).getDocumentProperties()!.setProperty('role', 'atenciones');
    expect(other.getDocumentProperties()!.getProperty('role')).toBe('atenciones');
    // "…or null if the script is not either an add-on or bound to a Google Workspace file"
    expect(new PropertiesService(makeTestEnv()).getDocumentProperties()).toBeNull();
  });

  // quotas page: "Properties value size 9 KB / val"
  test('a value over 9 KB is refused and nothing is written', () => {
    const p = new PropertiesService(makeTestEnv()).getScriptProperties();
    p.setProperty('fits', 'x'.repeat(9 * 1024));
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => p.setProperties({ ok: 'small', big: 'ñ'.repeat(5000) })).toThrow(PROPERTIES_MESSAGES.valueTooLarge); // 10,000 bytes
    expect(p.getKeys()).toEqual(['fits']);
  });

  // quotas page: "Properties total storage 500 KB / property store"
  test('a store past 500 KB is refused with the storage quota message; overwriting counts the new size only', () => {
    const p = new PropertiesService(makeTestEnv()).getScriptProperties();
    let n = 0;
    expect(() => {
      for (;;) p.setProperty(`K${n++}`, 'y'.repeat(9000));
    }).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(n).toBeGreaterThan(50);
    expect(n).toBeLessThan(60);
    expect(p.getProperty(`K${n - 1}`)).toBeNull();
    p.setProperty('K0', 'small');
    expect(() => p.setProperty('extra', 'y'.repeat(8000))).not.toThrow();
  });

  // quotas page: "Properties read/write 50,000 / 500,000 per day"
  test('every read and write counts against the daily properties quota of the user', () => {
    const env = makeTestEnv();
    env.state.quotas.overrides.propertiesReadWrite = 3;
    const p = new PropertiesService(env).getScriptProperties();
    p.setProperty('a', '1');
    p.getProperty('a');
    p.getKeys();
    expect(() => p.getProperty('a')).toThrow('Service invoked too many times for one day: properties.');
    expect(env.state.quotas.used(env.exec.user, 'propertiesReadWrite', env.state.now())).toBe(3);
  });
});
