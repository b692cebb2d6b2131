import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/**
 * Production is a static export (web/out) served by the monolith or nginx on the API's own
 * origin, so relative `/api` calls just work. Only `next dev` runs on another port and needs
 * the API proxied; rewrites are not supported by static exports, hence the phase switch.
 */
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) {
    return { output: "export", trailingSlash: true };
  }
  const apiOrigin = process.env.API_ORIGIN ?? "http://127.0.0.1:8000";
  return {
    trailingSlash: true,
    // Otherwise /api/v1/users would be redirected to /api/v1/users/ before the proxy sees it.
    skipTrailingSlashRedirect: true,
    async rewrites() {
      return [
        { source: "/api/:path*", destination: `${apiOrigin}/api/:path*` },
        { source: "/.well-known/:path*", destination: `${apiOrigin}/.well-known/:path*` },
      ];
    },
  };
}
