import { createRequire } from 'node:module';
import type { temporal } from '@temporalio/proto';

// The proto3-JSON reader must come from the protobufjs copy @temporalio/proto builds its types
// with. npm keeps several copies in this tree (gRPC needs protobufjs 7, the SDK 8), and the SDK's
// own historyFromJSON picks another copy's reader, which rejects the types ("type must be a Type").
const require = createRequire(import.meta.url);
const protoPath = require.resolve('@temporalio/proto');
const fromProto = createRequire(protoPath);
const { fromJson, toJson } = fromProto('protobufjs/ext/protojson') as {
  fromJson: (type: unknown, json: unknown, options: object) => unknown;
  toJson: (type: unknown, message: unknown, options?: object) => unknown;
};
const root = require('@temporalio/proto') as { lookupType(name: string): unknown };
const historyType = root.lookupType('temporal.api.history.v1.History');

/** A history in the JSON form `temporal workflow show --output json` writes (proto3 JSON), as fixtures keep it. */
export function historyToCliJson(history: temporal.api.history.v1.IHistory): unknown {
  return toJson(historyType, history);
}

/** A history as `temporal workflow show --output json` writes it, read into the SDK's History type. */
export function historyFromCliJson(json: unknown): temporal.api.history.v1.IHistory {
  return fromJson(historyType, json, { ignoreUnknownFields: true }) as temporal.api.history.v1.IHistory;
}
