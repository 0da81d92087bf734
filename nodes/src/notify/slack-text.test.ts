import { describe, expect, it } from 'vitest';
import { testLead } from '../shared/test-support/activity-context.js';
import { escapeSlackText, slackSafeLead } from './slack-text.js';

describe('escapeSlackText', () => {
  it('escapes &, < and > and nothing else', () => {
    expect(escapeSlackText('<!channel> & <@U123> <https://evil.example|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|click&gt;',
    );
    expect(escapeSlackText('*bold* _it_ "quoted" O\'Brien')).toBe('*bold* _it_ "quoted" O\'Brien');
  });

  it('escapes an ampersand first, so an escape is not escaped twice or undone', () => {
    expect(escapeSlackText('&lt;')).toBe('&amp;lt;');
    expect(escapeSlackText('<&>')).toBe('&lt;&amp;&gt;');
  });
});

describe('slackSafeLead', () => {
  it('escapes every text value, custom fields included, and leaves other values alone', () => {
    const lead = slackSafeLead(
      testLead({
        fullName: '<!here>',
        score: 80,
        mql: true,
        custom: { note: 'a<b', tags: ['x>y'], nested: { v: '&' } },
      }),
    );
    expect(lead).toMatchObject({
      fullName: '&lt;!here&gt;',
      score: 80,
      mql: true,
      company: null,
      custom: { note: 'a&lt;b', tags: ['x&gt;y'], nested: { v: '&amp;' } },
    });
  });
});
