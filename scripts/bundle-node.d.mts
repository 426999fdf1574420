/** Bundles `entry` (a .ts file) into `outfile` (.mjs) for Node, npm packages left external. */
export function bundleForNode(entry: string, outfile: string): Promise<void>;
