import { describe, expect, it } from 'vitest';
import { initialVisibility, markFresh, reshape, serverErrorsArrived, touch, visibleErrors } from './error-visibility';

const client = [
  { path: 'cases[0].when', message: 'bad when' },
  { path: 'cases[2].port', message: 'must match pattern' },
  { path: 'cases[2].when', message: 'must NOT have fewer than 1 characters' },
];
const server = [{ path: 'cases[0].when', message: "unknown field 'tierr'" }];

describe('which errors show', () => {
  it('shows everything at first: a config loaded invalid says so at once', () => {
    expect(visibleErrors(client, server, initialVisibility)).toEqual([...server, ...client]);
  });

  it('holds the errors of a just-added item until its fields are touched', () => {
    let state = markFresh(initialVisibility, 'cases[2]');
    expect(visibleErrors(client, [], state).map((e) => e.path)).toEqual(['cases[0].when']);
    state = touch(state, 'cases[2].port');
    expect(visibleErrors(client, [], state).map((e) => e.path)).toEqual(['cases[0].when', 'cases[2].port']);
  });

  it("drops a server error once its field is edited, until the server's next answer", () => {
    let state = touch(initialVisibility, 'cases[0].when');
    expect(visibleErrors([], server, state)).toEqual([]);
    state = serverErrorsArrived(state);
    expect(visibleErrors([], server, state)).toEqual(server);
  });

  it('drops server errors inside an array whose items moved, and forgets fresh items there', () => {
    let state = markFresh(initialVisibility, 'cases[2]');
    state = reshape(state, 'cases');
    expect(visibleErrors(client, server, state)).toEqual(client);
    expect(visibleErrors(client, [{ path: 'other', message: 'x' }], state)).toHaveLength(4);
  });
});
