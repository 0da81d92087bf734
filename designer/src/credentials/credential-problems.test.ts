import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-client';
import { credentialProblems } from './credential-problems';

describe('credentialProblems', () => {
  it('puts the name on the name field and the secret problems on the secret form, relative to it', () => {
    const failure = new ApiError(422, 'INVALID_FIELD', 'invalid', [
      { path: 'name', message: "a credential named 'Slack' already exists" },
      { path: 'secret.url', message: 'must start with https://' },
      { path: 'secret', message: 'is required' },
    ]);
    expect(credentialProblems(failure)).toEqual({
      name: "a credential named 'Slack' already exists",
      secret: [
        { path: 'url', message: 'must start with https://' },
        { path: '', message: 'is required' },
      ],
    });
  });

  it('says anything else for the whole dialog', () => {
    expect(credentialProblems(new Error('The server cannot be reached.'))).toEqual({
      secret: [],
      general: 'The server cannot be reached.',
    });
    expect(
      credentialProblems(
        new ApiError(409, 'CONFLICT', 'conflict', [{ path: 'kind', message: "'x' is not a credential kind" }]),
      ),
    ).toEqual({
      secret: [],
      general: "'x' is not a credential kind",
    });
  });
});
