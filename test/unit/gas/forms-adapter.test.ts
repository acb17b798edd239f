/**
 * The Forms adapter (src/gas/forms.ts) against a fake FormApp, for what the emulator cannot show
 * both ways:
 * - Form.getResponse of a deleted response: the reference
 *   (developers.google.com/apps-script/reference/forms/form#getResponse(String)) says only "Gets
 *   a single form response based on its response ID"; the emulator throws, a null is as
 *   plausible. Both must mean "no such response".
 * - publishing (developers.google.com/workspace/forms/api/guides/publish-form): setPublished(true)
 *   "also enables accepting responses"; a legacy form has no publish state
 *   (supportsAdvancedResponderPermissions() false); requiresLogin/setRequireLogin are deprecated
 *   (…/reference/forms/form#setRequireLogin(Boolean)) and may refuse.
 */
import { FormAppForms } from '../../../src/gas/forms';

interface FakeState {
  responses: Map<string, { id: string }>;
  /** What getResponse does for an unknown ID. */
  missing: 'throw' | 'null';
  deleteFails: boolean;
  legacy: boolean;
  published: boolean;
  accepting: boolean;
  requireLogin: boolean;
  requireLoginRefuses: boolean;
  calls: string[];
}

function fakeFormApp(state: FakeState) {
  const item = (title: string) => ({ getTitle: () => title });
  const response = (id: string) => ({
    getId: () => id,
    getTimestamp: () => new Date(Date.UTC(2026, 10, 27, 15)),
    getItemResponses: () => [{ getItem: () => item('Código de atención'), getResponse: () => 'AV-0001' }],
  });
  const form: Record<string, unknown> = {
    getId: () => 'form-1',
    getResponse: (id: string) => {
      state.calls.push(`getResponse(${id})`);
      if (state.responses.has(id)) return response(id);
      if (state.missing === 'throw') throw new Error('Invalid argument: responseId');
      return null;
    },
    deleteResponse: (id: string) => {
      state.calls.push(`deleteResponse(${id})`);
      if (state.deleteFails || !state.responses.has(id)) throw new Error('Invalid argument: responseId');
      state.responses.delete(id);
      return form;
    },
    isAcceptingResponses: () => state.published && state.accepting,
    setAcceptingResponses: (v: boolean) => {
      state.calls.push(`setAcceptingResponses(${v})`);
      state.accepting = v;
      return form;
    },
    requiresLogin: () => {
      if (state.requireLoginRefuses) throw new Error('Exception: not available');
      return state.requireLogin;
    },
    setRequireLogin: (v: boolean) => {
      state.calls.push(`setRequireLogin(${v})`);
      if (state.requireLoginRefuses) throw new Error('Exception: not available');
      state.requireLogin = v;
      return form;
    },
  };
  if (!state.legacy) {
    Object.assign(form, {
      supportsAdvancedResponderPermissions: () => true,
      isPublished: () => state.published,
      setPublished: (v: boolean) => {
        state.calls.push(`setPublished(${v})`);
        state.published = v;
        state.accepting = v;
        return form;
      },
    });
  }
  return {
    openById: () => form,
    create: (title: string, isPublished?: boolean) => {
      state.calls.push(`create(${title}, ${isPublished})`);
      return form;
    },
  };
}

function world(over: Partial<FakeState> = {}): { forms: FormAppForms; state: FakeState } {
  const state: FakeState = {
    responses: new Map([['r1', { id: 'r1' }]]),
    missing: 'throw',
    deleteFails: false,
    legacy: false,
    published: true,
    accepting: true,
    requireLogin: false,
    requireLoginRefuses: false,
    calls: [],
    ...over,
  };
  (globalThis as Record<string, unknown>).FormApp = fakeFormApp(state);
  return { forms: new FormAppForms(), state };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).FormApp;
});

describe('a deleted response — form#getResponse(String) may throw or give null', () => {
  test.each(['throw', 'null'] as const)('getResponse that does %s for a gone ID: response() is null, deleteResponse() is false', (missing) => {
    const { forms, state } = world({ missing });
    expect(forms.response('form-1', 'r1')).toMatchObject({ responseId: 'r1', answers: { 'Código de atención': 'AV-0001' } });
    expect(forms.response('form-1', 'gone')).toBeNull();
    expect(forms.deleteResponse('form-1', 'r1')).toBe(true);
    expect(forms.response('form-1', 'r1')).toBeNull();
    expect(forms.deleteResponse('form-1', 'r1')).toBe(false);
    expect(state.responses.size).toBe(0);
  });

  test('a delete that fails while the response is still there is a real failure: it is thrown', () => {
    const { forms } = world({ deleteFails: true });
    expect(() => forms.deleteResponse('form-1', 'r1')).toThrow('Invalid argument: responseId');
  });
});

describe('publishing — forms/api/guides/publish-form', () => {
  test('create() asks for an unpublished form: it is published once complete', () => {
    const { forms, state } = world();
    forms.create('Encuesta');
    expect(state.calls).toEqual(['create(Encuesta, false)']);
  });

  test('responderAccess reads published, accepting, sign-in; a legacy form counts as published; an unreadable sign-in is null', () => {
    expect(world({ published: false }).forms.responderAccess('form-1')).toEqual({ supportsPublishing: true, published: false, acceptingResponses: false, requiresLogin: false });
    expect(world({ legacy: true, accepting: true }).forms.responderAccess('form-1')).toEqual({ supportsPublishing: false, published: true, acceptingResponses: true, requiresLogin: false });
    expect(world({ requireLoginRefuses: true }).forms.responderAccess('form-1')).toMatchObject({ requiresLogin: null });
  });

  test('openToRespondents: publishing also opens responses; a closed form is re-opened; the domain sign-in is dropped', () => {
    const unpublished = world({ published: false, accepting: false });
    expect(unpublished.forms.openToRespondents('form-1')).toEqual({ published: true, reopened: false, loginDropped: false });
    expect(unpublished.state.calls).toEqual(['setPublished(true)']);

    const closed = world({ accepting: false, requireLogin: true });
    expect(closed.forms.openToRespondents('form-1')).toEqual({ published: false, reopened: true, loginDropped: true });
    expect(closed.state.calls).toEqual(['setAcceptingResponses(true)', 'setRequireLogin(false)']);

    const open = world();
    expect(open.forms.openToRespondents('form-1')).toEqual({ published: false, reopened: false, loginDropped: false });
    expect(open.state.calls).toEqual([]);
  });

  test('a legacy form is opened with setAcceptingResponses (setPublished does not exist for it)', () => {
    const legacy = world({ legacy: true, accepting: false });
    expect(legacy.forms.openToRespondents('form-1')).toEqual({ published: false, reopened: true, loginDropped: false });
    expect(legacy.state.calls).toEqual(['setAcceptingResponses(true)']);
  });
});
