import { type FieldError, type FieldPath, isWithin } from './field-path';

/** What the user has done since the form opened, as far as showing errors goes. */
export interface VisibilityState {
  /** Subtrees added in this session and not yet edited: their errors would only nag. */
  fresh: readonly FieldPath[];
  /** Fields the user edited or left. */
  touched: ReadonlySet<FieldPath>;
  /** Fields edited since the server's errors arrived: those errors may no longer hold. */
  editedSinceServer: ReadonlySet<FieldPath>;
  /** Arrays whose items moved or went since the server's errors arrived: their paths point elsewhere now. */
  reshapedSinceServer: readonly FieldPath[];
}

export const initialVisibility: VisibilityState = {
  fresh: [],
  touched: new Set(),
  editedSinceServer: new Set(),
  reshapedSinceServer: [],
};

/** New server errors arrived: they describe the config as it is now. */
export function serverErrorsArrived(state: VisibilityState): VisibilityState {
  return { ...state, editedSinceServer: new Set(), reshapedSinceServer: [] };
}

/**
 * The errors to show: the server's, except on fields edited since they came; and the
 * browser's, except on fresh fields not yet touched. An invalid config loaded from the server
 * shows its errors at once; a just-added empty item does not.
 */
export function visibleErrors(
  client: readonly FieldError[],
  server: readonly FieldError[],
  state: VisibilityState,
): FieldError[] {
  const isHeld = (path: FieldPath): boolean =>
    !state.touched.has(path) && state.fresh.some((root) => isWithin(path, root));
  const isStale = (path: FieldPath): boolean =>
    state.editedSinceServer.has(path) || state.reshapedSinceServer.some((root) => isWithin(path, root));
  return [...server.filter((error) => !isStale(error.path)), ...client.filter((error) => !isHeld(error.path))];
}

export function touch(state: VisibilityState, path: FieldPath): VisibilityState {
  if (state.touched.has(path) && state.editedSinceServer.has(path)) return state;
  return {
    ...state,
    touched: new Set(state.touched).add(path),
    editedSinceServer: new Set(state.editedSinceServer).add(path),
  };
}

export function markFresh(state: VisibilityState, path: FieldPath): VisibilityState {
  const touched = new Set([...state.touched].filter((at) => !isWithin(at, path)));
  return { ...state, fresh: [...state.fresh, path], touched };
}

/** The items of the array at `path` moved or went: paths under it now name other items. */
export function reshape(state: VisibilityState, path: FieldPath): VisibilityState {
  const fresh = state.fresh.filter((root) => !isWithin(root, path) || root === path);
  const touched = new Set([...state.touched].filter((at) => !isWithin(at, path) || at === path));
  return { ...state, fresh, touched, reshapedSinceServer: [...state.reshapedSinceServer, path] };
}
