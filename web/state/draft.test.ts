import { describe, expect, it } from 'vitest';
import type { Draft } from './draft.js';
import { fromLink, isDirty, isEdited } from './draft.js';

const json = { title: 'A' };
const draft = (over: Partial<Draft>): Draft => ({ id: 'x', name: 'A', json, savedText: JSON.stringify(json), updatedAt: 0, ...over });

describe('what the header says about a draft', () => {
  it('a scenario as a shared link gave it is unsaved but not edited; an edit makes it edited', () => {
    const opened = draft({ savedText: '', openedText: JSON.stringify(json) });
    expect([isDirty(opened), isEdited(opened), fromLink(opened)]).toEqual([true, false, true]);
    const edited = { ...opened, json: { title: 'B' } };
    expect([isDirty(edited), isEdited(edited), fromLink(edited)]).toEqual([true, true, false]);
    // Taken back to what the link gave, it is the link's scenario again.
    const back = { ...edited, json: { title: 'A' } };
    expect([isEdited(back), fromLink(back)]).toEqual([false, true]);
  });

  it('a library scenario is edited when it differs from what was opened or saved', () => {
    expect([isEdited(draft({})), fromLink(draft({}))]).toEqual([false, false]);
    expect([isEdited(draft({ json: { title: 'B' } })), fromLink(draft({ json: { title: 'B' } }))]).toEqual([true, false]);
  });
});
