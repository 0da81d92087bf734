import { Background, Controls, MiniMap, type Node } from '@xyflow/react';

/** What every canvas draws around its graph: the dot grid, the minimap (nodes coloured by `nodeColour`) and zoom controls. */
export function CanvasChrome({ nodeColour }: { nodeColour: (node: Node) => string }) {
  return (
    <>
      <Background />
      <MiniMap
        pannable
        zoomable
        ariaLabel="Minimap"
        nodeColor={nodeColour}
        nodeStrokeWidth={0}
        nodeBorderRadius={6}
        maskColor="rgba(23, 32, 51, 0.12)"
      />
      <Controls showInteractive={false} />
    </>
  );
}
