import type { SaveState } from './editor-store';

/** Whether Publish is enabled, and why not: unsaved, problems left, or nothing changed since the live version. */
export function publishState(state: {
  readOnly: boolean;
  saveState: SaveState;
  problemCount: number;
  unchanged: boolean;
}): {
  enabled: boolean;
  hint: string | null;
} {
  if (state.readOnly) return { enabled: false, hint: null };
  if (state.saveState !== 'saved') return { enabled: false, hint: 'Wait until the draft is saved' };
  if (state.problemCount > 0)
    return { enabled: false, hint: `Fix ${state.problemCount} problem${state.problemCount > 1 ? 's' : ''} first` };
  if (state.unchanged) return { enabled: false, hint: 'Nothing to publish: the draft is the live version' };
  return { enabled: true, hint: null };
}
