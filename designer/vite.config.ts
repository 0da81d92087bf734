import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = process.env.LEADFLOW_API ?? 'http://127.0.0.1:3000';

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of the build, once,
 * at build time; the server sends the smallest the browser accepts (@fastify/static
 * `preCompressed`), so no request pays for compression.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'leadflow-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).map((file) => path.join(outDir, file));
      for (const file of files) {
        if (!/\.(js|css|html|svg|json|map)$/.test(file) || (await stat(file)).size < 1024) continue;
        const body = await readFile(file);
        await writeFile(
          `${file}.br`,
          brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        );
        await writeFile(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    rollupOptions: {
      output: {
        // React and React Flow change rarely: their own chunks stay cached across designer releases.
        manualChunks: (id) =>
          id.includes('node_modules/@xyflow') || id.includes('node_modules/d3-')
            ? 'flow'
            : id.includes('node_modules/react')
              ? 'react'
              : undefined,
      },
    },
  },
  server: { proxy: { '/api': api, '/healthz': api, '/docs': api } },
});
